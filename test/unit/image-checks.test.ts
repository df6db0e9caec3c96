// Images from binary properties are checked by their metadata before any request.
import type { INodeExecutionData } from 'n8n-workflow';

import {
	checkImage,
	imageFieldNames,
	withImagesOnLastUserMessage,
} from '../../nodes/SegmindGpt45/actions/chat/conversation';
import { BadInput } from '../../nodes/shared/badInput';

const item = (binary: INodeExecutionData['binary']): INodeExecutionData => ({ json: {}, binary });
const MiB = 1024 * 1024;

describe('imageFields names', () => {
	test('comma-separated, spaces ignored, blanks dropped', () => {
		expect(imageFieldNames(' data,photo ,, scan ')).toEqual(['data', 'photo', 'scan']);
		expect(imageFieldNames('')).toEqual([]);
		expect(imageFieldNames(undefined)).toEqual([]);
	});

	test('a non-text value is bad input naming imageFields', () => {
		expect(() => imageFieldNames(3)).toThrow(/^imageFields must be binary property names/);
	});
});

describe('checkImage', () => {
	test('an image gives its MIME type, lower case without parameters', () => {
		expect(checkImage(item({ data: { data: 'iVBORw0KGgo=', mimeType: 'Image/PNG; x=1' } }), 2, 'data')).toEqual({
			itemIndex: 2,
			property: 'data',
			mimeType: 'image/png',
		});
	});

	test.each([
		['a missing property', item({ data: { data: '', mimeType: 'image/png' } }), 'photo', 'imageFields: the item has no binary property "photo" (it has "data")'],
		['an item without binary data', item(undefined), 'photo', 'imageFields: the item has no binary property "photo" (it has no binary data)'],
		['a PDF', item({ photo: { data: 'JVBERg==', mimeType: 'application/pdf' } }), 'photo', 'imageFields: binary property "photo" is application/pdf, not an image (PNG, JPEG, GIF or WebP)'],
		['an SVG', item({ photo: { data: 'PHN2Zz4=', mimeType: 'image/svg+xml' } }), 'photo', 'imageFields: binary property "photo" is image/svg+xml, not an image (PNG, JPEG, GIF or WebP)'],
		['a file over 20 MiB by its bytes', item({ photo: { data: 'filesystem-v2', id: 'filesystem-v2:1', bytes: 21 * MiB, mimeType: 'image/jpeg' } }), 'photo', 'imageFields: binary property "photo" is 21 MiB, more than the 20 MiB an image may be'],
		['in-memory data over 20 MiB', item({ photo: { data: 'A'.repeat(28 * MiB), mimeType: 'image/jpeg' } }), 'photo', 'imageFields: binary property "photo" is 21 MiB, more than the 20 MiB an image may be'],
	])('%s is bad input naming imageFields and the property', (_name, input, property, message) => {
		expect(() => checkImage(input, 0, property)).toThrow(BadInput);
		expect(() => checkImage(input, 0, property)).toThrow(message);
	});

	test('exactly 20 MiB is accepted', () => {
		expect(() => checkImage(item({ photo: { data: 'x', id: 'db:1', bytes: 20 * MiB, mimeType: 'image/webp' } }), 0, 'photo')).not.toThrow();
	});
});

describe('the images go with the last user message', () => {
	const ref = { itemIndex: 0, property: 'data', mimeType: 'image/png' };

	test('after its text, the other messages unchanged', () => {
		const conversation = [
			{ role: 'user' as const, content: 'first' },
			{ role: 'assistant' as const, content: 'ok' },
			{ role: 'user' as const, content: 'second' },
			{ role: 'assistant' as const, content: 'ok' },
		];
		expect(withImagesOnLastUserMessage(conversation, [ref])).toEqual([
			conversation[0],
			conversation[1],
			{ role: 'user', content: 'second', imageRefs: [ref] },
			conversation[3],
		]);
	});

	test('no user message to carry them is bad input naming imageFields', () => {
		expect(() => withImagesOnLastUserMessage([{ role: 'assistant', content: 'x' }], [ref])).toThrow(/^imageFields: images go with a user message/);
	});

	test('no images, no change', () => {
		const conversation = [{ role: 'assistant' as const, content: 'x' }];
		expect(withImagesOnLastUserMessage(conversation, [])).toBe(conversation);
	});
});
