import { useEmulator } from './support/emulatorFixture';
import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';
import { getQueuedResult, modelIn, runModel } from './support/segmindNode';

const api = useEmulator();

const SLUG = 'flux-schnell';

// The model comes from the item: n8n itself refuses a literal empty or invalid one before the run.
const fromItem = (mode: 'list' | 'id' | 'url') => modelIn(mode, '={{ $json.value }}');

// Each row: the node, the item's `value`, and what the error must start with (it names the field).
const cases: Array<[string, SegmindNodeSpec, string, string]> = [
	['an empty model from the list', runModel(SLUG, {}, {}, fromItem('list')), '', 'model is empty'],
	['a blank slug', runModel(SLUG, {}, {}, fromItem('id')), '   ', 'model is empty'],
	[
		'a URL that is not a Segmind model page',
		runModel(SLUG, {}, {}, fromItem('url')),
		'https://example.com/models/flux-schnell',
		'model: "https://example.com/models/flux-schnell" is not a Segmind model URL',
	],
	[
		'a Segmind URL that is not a model page',
		runModel(SLUG, {}, {}, fromItem('url')),
		'https://www.segmind.com/pixelflows/x',
		'model: "https://www.segmind.com/pixelflows/x" is not a Segmind model URL',
	],
	[
		'parametersJson that is not JSON',
		runModel(SLUG, '{"prompt": '),
		'',
		'parametersJson must be a JSON object',
	],
	[
		'parametersJson that is an array',
		runModel(SLUG, '[{"prompt": "x"}]'),
		'',
		'parametersJson must be a JSON object, not an array',
	],
	[
		'parametersJson that is a string',
		runModel(SLUG, '"a fox"'),
		'',
		'parametersJson must be a JSON object, not string',
	],
	['empty parametersJson', runModel(SLUG, '  '), '', 'parametersJson is empty'],
	[
		'an empty output field name',
		runModel(SLUG, { prompt: 'x' }, { binaryPropertyOutput: ' ' }),
		'',
		'binaryPropertyOutput',
	],
	['an empty requestId', getQueuedResult({}, ''), '', 'requestId is empty'],
];

test.each(cases)(
	'%s: an error naming the field, and nothing sent',
	async (_name, spec, value, message) => {
		const { error, items } = await runWorkflow({
			nodes: [spec],
			input: [{ value }],
			credentials: api.credentials(),
		});
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringContaining(message),
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(error?.message.startsWith(message)).toBe(true);
		expect(items).toEqual([]);
		expect(api.emulator.log).toEqual([]);
	},
);

test('under Continue (regular output) the bad item is {error}, and the good one still runs', async () => {
	const { items, error } = await runWorkflow({
		nodes: [
			{
				...runModel(SLUG, '={{ $json.body }}', { requestMode: 'sync' }),
				onError: 'continueRegularOutput',
			},
		],
		input: [{ body: '[]' }, { body: '{"prompt": "a fox"}' }],
		credentials: api.credentials(),
	});
	expect(error).toBeUndefined();
	expect(items[0]).toEqual({
		json: { error: 'parametersJson must be a JSON object, not an array' },
		pairedItem: { item: 0 },
	});
	expect(items[1].json).toMatchObject({ success: true, files: [expect.any(Object)] });
	expect(api.emulator.log.map((entry) => entry.kind)).toEqual(['media']);
});
