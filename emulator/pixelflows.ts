// PixelFlows: POST /workflows/{id} runs a published flow with named inputs, GET
// /workflows/request/{request_id} polls it until COMPLETED (with `output`, a JSON string of
// [{keyname, value: {data, type}}]) or FAILED (with `error_message`). Charged once, on completion.
import type { Account } from './accounts';
import { readJsonObject, type RequestBody } from './body';
import { admitRun, faultPlan } from './chat';
import { parseMediaDirectives } from './downloads';
import type { FaultPicker } from './faults';
import { fileUrl, type FileContent, type FileStore, type StoredFile } from './files';
import { fixture } from './fixtures';
import { hashedPicture } from './png';
import { isPlan, json, jsonError, type Plan } from './plan';
import type { RequestQueue } from './queue';
import { enqueue, lookUpQueued, type LookupContext } from './queueApi';
import type { RuntimeOptions } from './types';

/** The flows the emulator knows, by what they show. */
export const PIXELFLOW_IDS = {
	/** Input `prompt` (required): an image (`image`) and a text (`caption`). */
	imageAndText: '6a1f3e2b9c4d5e6f7a8b9c0d-v1',
	/** A video (`video`). */
	video: '7b2e4f3c0d5e6f7a8b9c0d1e-v1',
	/** Always FAILED, with `error_message`. */
	failing: '8c3f5a4d1e6f7a8b9c0d1e2f-v1',
	/** An image, after `pixelflowSlowMs` (default 5 s) more than the latency. */
	slow: '9d4a6b5e2f7a8b9c0d1e2f3a-v1',
	/** `output` already an array, not a JSON string: an image and an audio file. */
	arrayOutput: 'ae5b7c6f3a8b9c0d1e2f3a4b-v1',
	/** Two outputs named `image`, a `mask` data: URI without `type`, a `link` text that is a URL. */
	repeatedKeys: 'bf6c8d7a4b9c0d1e2f3a4b5c-v1',
} as const;

export const PIXELFLOW_FAILED_MESSAGE = 'Node "Upscale" failed: CUDA out of memory';

/** One output of a flow, before its files have URLs. */
type FlowItem =
	| { keyname: string; type?: string; file: FileContent; inline?: boolean }
	| { keyname: string; type?: string; text: string };

interface PixelFlow {
	/** Inputs that must be non-empty strings. */
	required: string[];
	failWith?: string;
	slow?: boolean;
	outputIsArray?: boolean;
	items(inputs: Record<string, unknown>): FlowItem[];
}

const png = (seedText: string): FileContent => ({
	contentType: 'image/png',
	ext: 'png',
	body: hashedPicture(seedText),
});
const mp4 = (): FileContent => ({ contentType: 'video/mp4', ext: 'mp4', body: fixture('mp4') });
const mp3 = (): FileContent => ({ contentType: 'audio/mpeg', ext: 'mp3', body: fixture('mp3') });
const seedOf = (id: string, inputs: Record<string, unknown>, extra = '') =>
	`${id}|${JSON.stringify(inputs)}|${extra}`;

const FLOWS: Record<string, PixelFlow> = {
	[PIXELFLOW_IDS.imageAndText]: {
		required: ['prompt'],
		items: (inputs) => [
			{ keyname: 'image', type: 'image', file: png(seedOf(PIXELFLOW_IDS.imageAndText, inputs)) },
			{ keyname: 'caption', type: 'text', text: `A picture of ${inputs.prompt as string}` },
		],
	},
	[PIXELFLOW_IDS.video]: {
		required: [],
		items: () => [{ keyname: 'video', type: 'video', file: mp4() }],
	},
	[PIXELFLOW_IDS.failing]: {
		required: [],
		failWith: PIXELFLOW_FAILED_MESSAGE,
		items: () => [],
	},
	[PIXELFLOW_IDS.slow]: {
		required: [],
		slow: true,
		items: (inputs) => [
			{ keyname: 'image', type: 'image', file: png(seedOf(PIXELFLOW_IDS.slow, inputs)) },
		],
	},
	[PIXELFLOW_IDS.arrayOutput]: {
		required: [],
		outputIsArray: true,
		items: (inputs) => [
			{ keyname: 'image', type: 'image', file: png(seedOf(PIXELFLOW_IDS.arrayOutput, inputs)) },
			{ keyname: 'voice', type: 'audio', file: mp3() },
		],
	},
	[PIXELFLOW_IDS.repeatedKeys]: {
		required: [],
		items: (inputs) => [
			{
				keyname: 'image',
				type: 'image',
				file: png(seedOf(PIXELFLOW_IDS.repeatedKeys, inputs, '1')),
			},
			{
				keyname: 'image',
				type: 'image',
				file: png(seedOf(PIXELFLOW_IDS.repeatedKeys, inputs, '2')),
			},
			{
				keyname: 'mask',
				file: png(seedOf(PIXELFLOW_IDS.repeatedKeys, inputs, 'mask')),
				inline: true,
			},
			{ keyname: 'link', type: 'text', text: 'https://www.segmind.com/pixelflows' },
		],
	},
};

export const pixelflowOf = (id: string): PixelFlow | undefined =>
	Object.prototype.hasOwnProperty.call(FLOWS, id) ? FLOWS[id] : undefined;

export interface PixelflowRunContext {
	method: string;
	workflowId: string;
	account: Account | undefined;
	keyGiven: boolean;
	contentType: string | undefined;
	body: RequestBody;
	seq: number;
	now: number;
	options: RuntimeOptions;
	faults: FaultPicker;
	/** The host the client called: poll_url and file URLs use it. */
	origin: string;
	files: FileStore;
}

/** The result's `output`: the items with their files stored (once) and named by URL. */
function outputOf(
	ctx: PixelflowRunContext,
	flow: PixelFlow,
	items: FlowItem[],
	download: ReturnType<typeof parseMediaDirectives>['download'],
) {
	let stored: Array<StoredFile | undefined> | undefined;
	return (origin: string): Record<string, unknown> => {
		stored ??= items.map((item, index) =>
			'file' in item && !item.inline
				? ctx.files.add(item.file, download, `${item.keyname}-${index + 1}`, ctx.now)
				: undefined,
		);
		const files = stored;
		const list = items.map((item, index) => {
			let data: string;
			if ('text' in item) data = item.text;
			else if (item.inline)
				data = `data:${item.file.contentType};base64,${item.file.body.toString('base64')}`;
			else data = fileUrl(origin, files[index]!);
			return {
				keyname: item.keyname,
				value: item.type === undefined ? { data } : { data, type: item.type },
			};
		});
		return { output: flow.outputIsArray ? list : JSON.stringify(list) };
	};
}

/** POST /workflows/{id}: checked as a v2 submit, then queued; nothing charged until it completes. */
export function planPixelflowRun(
	ctx: PixelflowRunContext,
	queue: RequestQueue,
): Plan & { requestId?: string } {
	// A workflow has no retired check (no 410).
	const admitted = admitRun(ctx);
	if (isPlan(admitted)) return admitted;
	const { account } = admitted;
	const { options } = ctx;
	const flow = pixelflowOf(ctx.workflowId);
	if (!flow) return jsonError(404, `Workflow ${ctx.workflowId} not found`);
	const read = readJsonObject(
		ctx.contentType,
		ctx.body,
		'Request body must be a JSON object of the flow inputs',
	);
	if ('error' in read) return jsonError(read.status, read.error);
	const inputs = read.value;
	for (const name of flow.required) {
		const value = inputs[name];
		if (typeof value !== 'string' || value.trim() === '') {
			return jsonError(400, `Input "${name}" is required`);
		}
	}
	const texts = Object.values(inputs).filter((value): value is string => typeof value === 'string');
	const directives = parseMediaDirectives(texts);
	if (directives.error) return jsonError(400, directives.error);
	if (account.balance < options.costPerRequest) return jsonError(406, 'Not enough credits');

	const fault = directives.run ?? ctx.faults.pick();
	const failed = fault && faultPlan(fault, ctx.now);
	if (failed) return failed;
	const pollOrigin = options.pixelflowPollOrigin ?? ctx.origin;
	return enqueue(
		queue,
		{
			slug: ctx.workflowId,
			account,
			submitSeq: ctx.seq,
			failWith: flow.failWith,
			processingMs: flow.slow ? options.latencyMs + options.pixelflowSlowMs : undefined,
			result: outputOf(ctx, flow, flow.items(inputs), directives.download),
		},
		fault,
		ctx,
		(requestId) => ({
			request_id: requestId,
			poll_url: `${pollOrigin}/workflows/request/${requestId}`,
			status: 'QUEUED',
		}),
	);
}

/** GET /workflows/request/{request_id}: the run's state; its outputs once COMPLETED. */
export const planPixelflowPoll = (ctx: LookupContext): Plan =>
	lookUpQueued(ctx, 'status', (request, status) => {
		const base = { request_id: request.requestId, status };
		if (status === 'FAILED') return json(200, { ...base, error_message: request.failedError });
		if (status !== 'COMPLETED') return json(200, base);
		return json(200, { ...base, ...request.result(ctx.origin) });
	});
