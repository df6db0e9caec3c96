import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { getCreditsOfAccount, getQueuedResult, runModel } from './support/segmindNode';

const api = useEmulator();

const ask = (content: string, options: INodeParameters = {}): INodeParameters => ({
	operation: 'message',
	messages: { values: [{ role: 'user', content }] },
	options: { maxRetries: 0, includeRawResponse: true, ...options },
});

// Every path an answer or an error can take out of the node.
// Rows all have three entries: jest takes a missing one for its done() callback.
const scenarios: Array<[string, SegmindNodeSpec, string | null]> = [
	['success', { parameters: ask('hello') }, null],
	['server error as output', { parameters: ask('#emulate:500') }, null],
	['HTML error body', { parameters: ask('#emulate:html500') }, null],
	['connection reset', { parameters: ask('#emulate:reset') }, null],
	['malformed body', { parameters: ask('#emulate:malformed') }, null],
	['timeout', { parameters: ask('#emulate:hang', { timeout: 200 }) }, null],
	['thrown NodeApiError', { parameters: ask('#emulate:500', { apiErrors: 'throw' }) }, null],
	[
		'error output',
		{
			parameters: ask('#emulate:429', { apiErrors: 'throw', rateLimitWait: 0 }),
			onError: 'continueErrorOutput',
		},
		null,
	],
	['bad input', { parameters: ask('') }, null],
	['credits', { parameters: { operation: 'getCredits', options: { apiErrors: 'throw' } } }, null],
	['refused connection', { parameters: ask('hello') }, 'http://127.0.0.1:1'],
	['plain http refusal', { parameters: ask('hello') }, 'http://example.com'],
	// The Segmind node: a file body, a queued run with its download, failures, bad input.
	[
		'Segmind node: sync file body',
		runModel('flux-schnell', { prompt: 'a fox' }, { requestMode: 'sync' }),
		null,
	],
	[
		'Segmind node: queued run and download',
		runModel('flux-dev', { prompt: 'a fox' }, { pollInterval: 250 }),
		null,
	],
	[
		'Segmind node: download failed, thrown',
		runModel(
			'flux-schnell',
			{ prompt: 'x #emulate:download-404' },
			{ pollInterval: 250, apiErrors: 'throw' },
		),
		null,
	],
	[
		'Segmind node: failed run',
		runModel('flux-schnell', { prompt: 'x #emulate:model-failed' }, { pollInterval: 250 }),
		null,
	],
	[
		'Segmind node: timeout',
		runModel('flux-schnell', { prompt: 'x #emulate:hang' }, { requestMode: 'sync', timeout: 200 }),
		null,
	],
	['Segmind node: bad input', runModel('flux-schnell', '[]'), null],
	['Segmind node: queued result', getQueuedResult({ pollInterval: 250 }, 'no-such-request'), null],
	['Segmind node: credits', getCreditsOfAccount({ apiErrors: 'throw' }), null],
];

test.each(scenarios)(
	'the API key is in no output, error or log line: %s',
	async (_name, spec, baseUrl) => {
		const { serialized, outputsOf, error } = await runWorkflow({
			nodes: [spec],
			input: [{}],
			credentials: { apiKey: SECRET_API_KEY, baseUrl: baseUrl ?? api.emulator.url },
		});
		const produced = outputsOf('Segmind 1').flat().length + (error ? 1 : 0);
		expect(produced).toBeGreaterThan(0);
		expect(serialized).not.toContain(SECRET_API_KEY);
		expect(serialized).not.toContain('engine_secret');
	},
);

test('the key did reach the API, so its absence above is not an accident', async () => {
	await runWorkflow({
		nodes: [{ parameters: ask('hello') }],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(api.emulator.log[0]).toMatchObject({ keyLabel: 'secret', status: 200 });
});
