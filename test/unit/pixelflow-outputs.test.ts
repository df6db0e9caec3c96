// A PixelFlow's outputs list becomes `outputs` by key name, its file outputs found by their type
// (or rule 3 without one); and the Workflow ID parameter takes an id or the flow's API URL.
import {
	flowFiles,
	flowOutputsOf,
	outputsObject,
} from '../../nodes/Segmind/actions/pixelflow/outputs';
import { readWorkflowId } from '../../nodes/Segmind/actions/pixelflow/workflowId';

const PNG_BASE64 = Buffer.concat([
	Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
	Buffer.alloc(120, 7),
]).toString('base64');

const entry = (keyname: unknown, data: unknown, type?: string) => ({
	keyname,
	value: type === undefined ? { data } : { data, type },
});

describe('outputs by key name', () => {
	test('each keyname holds its data, in list order', () => {
		const outputs = flowOutputsOf([
			entry('image', 'https://cdn.segmind.com/a.png', 'image'),
			entry('caption', 'A fox', 'text'),
		]);
		expect(outputsObject(outputs)).toStrictEqual({
			image: 'https://cdn.segmind.com/a.png',
			caption: 'A fox',
		});
		expect(outputs.map((output) => output.type)).toEqual(['image', 'text']);
	});

	test('a repeated keyname gets _1, _2..., skipping names the list already uses', () => {
		const outputs = flowOutputsOf([
			entry('image', 'a'),
			entry('image', 'b'),
			entry('image_1', 'c'),
			entry('image', 'd'),
		]);
		expect(outputsObject(outputs)).toStrictEqual({
			image: 'a',
			image_2: 'b',
			image_1: 'c',
			image_3: 'd',
		});
		expect(
			outputsObject(flowOutputsOf([entry('x', 1), entry('x', 2), entry('x', 3)])),
		).toStrictEqual({ x: 1, x_1: 2, x_2: 3 });
	});

	test('types are read in any case; a missing keyname is "output"; a value without data is the data itself', () => {
		const outputs = flowOutputsOf([
			entry('a', 'x', 'IMAGE'),
			{ value: { data: 'y', type: 'Text' } },
			{ keyname: 'raw', value: 'just text' },
			'not an entry',
		]);
		expect(outputs).toEqual([
			{ key: 'a', data: 'x', type: 'image' },
			{ key: 'output', data: 'y', type: 'text' },
			{ key: 'raw', data: 'just text' },
			{ key: 'output_1', data: 'not an entry' },
		]);
	});

	test('shapes Segmind does not document: an object gives one output per key, a scalar one output, nothing none', () => {
		expect(
			outputsObject(flowOutputsOf({ image: { data: 'u', type: 'image' }, n: 3 })),
		).toStrictEqual({ image: 'u', n: 3 });
		expect(outputsObject(flowOutputsOf('plain text'))).toStrictEqual({ output: 'plain text' });
		expect(flowOutputsOf(null)).toEqual([]);
		expect(flowOutputsOf(undefined)).toEqual([]);
	});
});

describe('which outputs are files', () => {
	const filesOf = (list: unknown[]) => flowFiles(flowOutputsOf(list));

	test('image, video, audio and file outputs are files; a text output never is, even a URL', () => {
		expect(
			filesOf([
				entry('i', 'https://cdn.segmind.com/i.png', 'image'),
				entry('v', 'https://cdn.segmind.com/v.mp4', 'video'),
				entry('a', 'https://cdn.segmind.com/a.mp3', 'audio'),
				entry('f', 'https://cdn.segmind.com/f.zip', 'file'),
				entry('t', 'https://www.segmind.com/pixelflows', 'text'),
				entry('d', `data:image/png;base64,${PNG_BASE64}`, 'text'),
			]),
		).toEqual([
			{ source: 'url', url: 'https://cdn.segmind.com/i.png', at: ['i'] },
			{ source: 'url', url: 'https://cdn.segmind.com/v.mp4', at: ['v'] },
			{ source: 'url', url: 'https://cdn.segmind.com/a.mp3', at: ['a'] },
			{ source: 'url', url: 'https://cdn.segmind.com/f.zip', at: ['f'] },
		]);
	});

	test('a declared file is kept even where rule 3 would not take it: plain http (for the host rule to judge), base64 of any content', () => {
		const anyBase64 = Buffer.alloc(90, 1).toString('base64');
		expect(
			filesOf([
				entry('i', 'http://files.example.com/i.png', 'image'),
				entry('b', anyBase64, 'file'),
			]),
		).toEqual([
			{ source: 'url', url: 'http://files.example.com/i.png', at: ['i'] },
			{ source: 'inline', mimeType: 'application/octet-stream', base64: anyBase64, at: ['b'] },
		]);
	});

	test('without a type, rule 3 decides: a whole https URL, a data: URI, media base64; plain text is not a file', () => {
		expect(
			filesOf([
				entry('url', 'https://cdn.segmind.com/u.png'),
				entry('mask', `data:image/png;base64,${PNG_BASE64}`),
				entry('b64', PNG_BASE64),
				entry('words', 'a fox in the snow'),
				entry('number', 3, 'number'),
			]),
		).toEqual([
			{ source: 'url', url: 'https://cdn.segmind.com/u.png', at: ['url'] },
			{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['mask'] },
			{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['b64'] },
		]);
	});

	test('data that is a list or an object is searched, each file at its path under the key; a URL counts once', () => {
		expect(
			filesOf([
				entry(
					'frames',
					['https://cdn.segmind.com/1.png', 'https://cdn.segmind.com/2.png'],
					'image',
				),
				entry('again', 'https://cdn.segmind.com/1.png', 'image'),
				entry('meta', { thumb: 'https://cdn.segmind.com/t.jpg' }),
			]),
		).toEqual([
			{ source: 'url', url: 'https://cdn.segmind.com/1.png', at: ['frames', 0] },
			{ source: 'url', url: 'https://cdn.segmind.com/2.png', at: ['frames', 1] },
			{ source: 'url', url: 'https://cdn.segmind.com/t.jpg', at: ['meta', 'thumb'] },
		]);
	});

	test('repeated keynames: each file at its own renamed key', () => {
		expect(
			filesOf([
				entry('image', 'https://cdn.segmind.com/a.png', 'image'),
				entry('image', 'https://cdn.segmind.com/b.png', 'image'),
			]).map((file) => file.at),
		).toEqual([['image'], ['image_1']]);
	});
});

describe('Workflow ID', () => {
	test.each([
		['6a1f3e2b9c4d5e6f7a8b9c0d-v1', '6a1f3e2b9c4d5e6f7a8b9c0d-v1'],
		['  6a1f3e2b9c4d5e6f7a8b9c0d-v1\n', '6a1f3e2b9c4d5e6f7a8b9c0d-v1'],
		[
			'https://api.segmind.com/workflows/6a1f3e2b9c4d5e6f7a8b9c0d-v1',
			'6a1f3e2b9c4d5e6f7a8b9c0d-v1',
		],
		['HTTPS://API.SEGMIND.COM/workflows/abc-v2/', 'abc-v2'],
		['https://api.segmind.com/workflows/abc-v1?x=1', 'abc-v1'],
	])('%s is the flow %s', (given, id) => {
		expect(readWorkflowId(given)).toBe(id);
	});

	test.each([
		['', 'workflowId is empty'],
		['   ', 'workflowId is empty'],
		[undefined, 'workflowId is empty'],
		['abc/def', 'workflowId: "abc/def" is not a PixelFlow ID or API URL'],
		['two words', 'workflowId: "two words" is not a PixelFlow ID or API URL'],
		['http://api.segmind.com/workflows/abc-v1', 'is not a PixelFlow ID or API URL'],
		['https://www.segmind.com/pixelflows/my-flow', 'is not a PixelFlow ID or API URL'],
		['https://api.segmind.com/workflows/', 'is not a PixelFlow ID or API URL'],
		['https://api.segmind.com/workflows/a%2Fb', 'is not a PixelFlow ID or API URL'],
		['https://api.segmind.com/workflows/request/0f1e', "is a run's poll URL, not a PixelFlow"],
		[{ id: 'x' }, 'workflowId must be text, not an object'],
	])('%p is bad input: %s', (given, message) => {
		expect(() => readWorkflowId(given)).toThrow(message);
	});
});
