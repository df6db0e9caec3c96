// Runs the Output Files test node on n8n-core's engine in a process of its own, in n8n's
// filesystem binary data mode, and reports the item, its stored file and how much the process's
// memory grew. A process of its own, because test files that ran before in a jest worker may
// leave nock's interception on node:http, which reads sockets eagerly: memory and backpressure
// are measured where nothing but n8n and the node runs.
//
// As a script: node --expose-gc --import tsx downloadInOwnProcess.ts '<json RunRequest>'
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export interface RunRequest {
	credentials: { apiKey: string; baseUrl: string };
	input: IDataObject[];
	options: INodeParameters;
	/** A URL to read and hash afterwards too (a plain GET), to compare with what was stored. */
	hashUrl?: string;
	/** Items run through the node first, not measured. */
	warmUp?: IDataObject[];
}

export interface RunReport {
	json: IDataObject;
	binary?: { mimeType: string; fileName?: string; bytes?: number; data: string };
	/** The stored file's SHA-256 and size, read back from n8n's store. */
	stored?: { sha256: string; bytes: number };
	/** `hashUrl`'s body's SHA-256 and size. */
	served?: { sha256: string; bytes: number };
	/** The most the process's RSS grew over its level before the run, in bytes. */
	rssGrowth: number;
	storedFilesBefore: number;
	storedFilesAfter: number;
}

/** Runs `request` in a new Node process (the one running the tests) and returns its report. */
export function downloadInOwnProcess(request: RunRequest, timeoutMs = 600_000): Promise<RunReport> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['--expose-gc', '--import', 'tsx', __filename, JSON.stringify(request)],
			{ cwd: join(__dirname, '../../..'), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) return reject(new Error(`${error.message}\n${stderr}`));
				const line = stdout.trim().split('\n').pop() ?? '';
				resolve(JSON.parse(line) as RunReport);
			},
		);
	});
}

async function main(request: RunRequest): Promise<RunReport> {
	await import('./n8nCoreEnvironment');
	const { useFilesystemBinaryData, hashFile, hashUrl } = await import('./filesystemBinaryData');
	const { runWorkflow } = await import('./runWorkflow');
	const { OUTPUT_FILES_NODE_TYPE } = await import('./outputFilesNode');
	const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
	const binaryData = await useFilesystemBinaryData();
	try {
		const run = (input: IDataObject[]) =>
			runWorkflow({
				nodes: [{ type: OUTPUT_FILES_NODE_TYPE, parameters: { options: request.options } }],
				input,
				credentials: request.credentials,
			});
		// A first run loads what n8n loads on its first run, and a first large download grows any
		// Node process once, by about 64 MiB, whatever reads it (V8 lets that much external memory
		// build up before it collects; plain node:http does the same): neither is counted.
		await run(request.warmUp ?? [{ output: null }]);
		// Young garbage (chunks already written and dropped) is collected before each look.
		const held = () => {
			gc?.({ type: 'minor' });
			return process.memoryUsage().rss;
		};
		gc?.({ type: 'major' });
		const storedFilesBefore = binaryData.storedFiles().length;
		const baseline = held();
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, held())), 100);
		let result;
		try {
			result = await run(request.input);
		} finally {
			clearInterval(sampler);
		}
		peak = Math.max(peak, held());
		const [item] = result.items;
		const binary = item?.binary?.data;
		return {
			json: item?.json ?? { error: result.error?.message },
			...(binary && {
				binary: {
					mimeType: binary.mimeType,
					fileName: binary.fileName,
					bytes: binary.bytes,
					data: binary.data,
				},
				stored: await hashFile(binaryData.pathOf(binary.id as string)),
			}),
			rssGrowth: peak - baseline,
			storedFilesBefore,
			storedFilesAfter: binaryData.storedFiles().length,
			...(request.hashUrl && { served: await hashUrl(request.hashUrl) }),
		};
	} finally {
		binaryData.restore();
	}
}

if (require.main === module) {
	main(JSON.parse(process.argv[2]) as RunRequest).then(
		(report) => {
			process.stdout.write(`${JSON.stringify(report)}\n`);
			process.exit(0);
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
			process.exit(1);
		},
	);
}
