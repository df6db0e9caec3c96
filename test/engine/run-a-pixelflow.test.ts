// Run a PixelFlow against the emulator's flows: one billed submit at the base URL, polls built
// from the base URL (never the answer's poll_url), the outputs by key name, their files in binary
// data, FAILED runs, timeouts, cancels and bad input; Get Queued Result collects a timed-out run.
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	PIXELFLOW_FAILED_MESSAGE,
	PIXELFLOW_IDS,
	type RequestLogEntry,
} from '../../emulator/server';
import { useEmulator } from './support/emulatorFixture';
import { SEGMIND_ANY_MODEL_NODE_TYPE } from './support/packageNodes';
import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';

const api = useEmulator();

const COST = 0.25;

const runPixelflow = (
	workflowId: string,
	inputs: object | string = { prompt: 'a red fox' },
	options: INodeParameters = {},
	extra: INodeParameters = {},
): SegmindNodeSpec => ({
	name: 'PixelFlow',
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'pixelflow',
		operation: 'run',
		workflowId,
		inputsJson: typeof inputs === 'string' ? inputs : JSON.stringify(inputs),
		options: { pollInterval: 250, ...options },
		...extra,
	},
});

const collectPixelflow = (options: INodeParameters = {}): SegmindNodeSpec => ({
	name: 'Collect',
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'request',
		operation: 'getResult',
		requestId: '={{ $json.requestId }}',
		queue: 'pixelflow',
		options: { pollInterval: 250, ...options },
	},
});

async function run(
	nodes: SegmindNodeSpec[],
	{ input = [{}], onError }: { input?: IDataObject[]; onError?: INode['onError'] } = {},
) {
	const result = await runWorkflow({
		nodes: nodes.map((node) => ({ ...node, onError })),
		input,
		credentials: api.credentials(),
	});
	const log = await api.settledLog();
	return {
		...result,
		log,
		runs: log.filter((entry) => entry.kind === 'pixelflow-run'),
		polls: log.filter((entry) => entry.kind === 'pixelflow-poll'),
		downloads: log.filter((entry) => entry.kind === 'file'),
	};
}

const bytesOf = (item: INodeExecutionData, property: string) =>
	Buffer.from(item.binary?.[property]?.data ?? '', 'base64');

async function fetchBytes(url: string) {
	return Buffer.from(await (await fetch(url)).arrayBuffer());
}

const balance = async () => {
	const response = await fetch(`${api.emulator.url}/v1/get-user-credits`, {
		headers: { 'x-api-key': api.credentials().apiKey },
	});
	const body = (await response.json()) as { credits: number; free_credits?: number };
	return body.credits + (body.free_credits ?? 0);
};

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK' };

const FILE_URL = /^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\.(png|mp4|mp3)$/;

describe('the submit and the polls', () => {
	test('one POST /workflows/<id> with the inputs, then GETs /workflows/request/<id> at the base URL until COMPLETED; poll_url on another host is never followed', async () => {
		api.emulator.configure({ latencyMs: 600, pixelflowPollOrigin: 'https://poll.evil.example' });
		const { items, runs, polls, log } = await run([
			runPixelflow(PIXELFLOW_IDS.imageAndText, { prompt: 'a red fox', strength: 0.5 }),
		]);
		const item = items[0];
		const requestId = item.json.requestId as string;
		expect(requestId).toEqual(expect.any(String));
		expect(runs.map((entry) => [entry.method, entry.path, entry.body, entry.keyLabel])).toEqual([
			[
				'POST',
				`/workflows/${PIXELFLOW_IDS.imageAndText}`,
				{ prompt: 'a red fox', strength: 0.5 },
				'secret',
			],
		]);
		expect(runs[0].requestId).toBe(requestId);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		for (const poll of polls) {
			expect([poll.method, poll.path, poll.requestId]).toEqual([
				'GET',
				`/workflows/request/${requestId}`,
				requestId,
			]);
		}
		// The key went to the run and the polls only; the file was downloaded without it.
		const keyed = log.filter((entry) => entry.keyLabel !== 'missing');
		expect(keyed.map((entry) => entry.kind).sort()).toEqual(
			[...runs, ...polls].map((entry) => entry.kind).sort(),
		);
		const files = log.filter((entry) => entry.kind === 'file');
		expect(files.map((entry) => [entry.method, entry.keyGiven, entry.status])).toEqual([
			['GET', false, 200],
		]);
		expect(item.json).toMatchObject(ok);
	});
});
