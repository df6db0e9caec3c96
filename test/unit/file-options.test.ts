// The file options as the contract names them, and how a run reads them.
import type { INode } from 'n8n-workflow';

import { BadInput } from '../../nodes/shared/badInput';
import { apiFailureError } from '../../nodes/shared/errors';
import {
	binaryPropertyOutputOption,
	downloadFromOption,
	downloadOutputsOption,
	fileOptions,
	maxFileSizeOption,
	readFileSettings,
} from '../../nodes/shared/options';

test('the four options, with the contract names, types and defaults', () => {
	expect(downloadOutputsOption).toMatchObject({
		name: 'downloadOutputs',
		displayName: 'Download Output Files',
		type: 'boolean',
		default: true,
	});
	expect(downloadFromOption).toMatchObject({
		name: 'downloadFrom',
		type: 'options',
		default: 'segmind',
		options: [
			expect.objectContaining({ name: "Segmind's Hosts Only", value: 'segmind' }),
			expect.objectContaining({ name: 'Any HTTPS Host', value: 'any' }),
		],
	});
	expect(binaryPropertyOutputOption).toMatchObject({
		name: 'binaryPropertyOutput',
		displayName: 'Put Output File in Field',
		type: 'string',
		default: 'data',
	});
	expect(maxFileSizeOption).toMatchObject({ name: 'maxFileSize', type: 'number', default: 256 });
	expect(fileOptions.map(({ name }) => name).sort()).toEqual([
		'binaryPropertyOutput',
		'downloadFrom',
		'downloadOutputs',
		'maxFileSize',
	]);
});

test('unset options take their defaults', () => {
	expect(readFileSettings({})).toEqual({
		downloadOutputs: true,
		downloadFrom: 'segmind',
		binaryPropertyOutput: 'data',
		maxFileSizeMiB: 256,
	});
});

test('set options are read', () => {
	expect(
		readFileSettings({
			downloadOutputs: false,
			downloadFrom: 'any',
			binaryPropertyOutput: ' image ',
			maxFileSize: 0.5,
		}),
	).toEqual({
		downloadOutputs: false,
		downloadFrom: 'any',
		binaryPropertyOutput: 'image',
		maxFileSizeMiB: 0.5,
	});
});

test.each([[0], [-1], [Number.NaN], ['12'], [null]])(
	'a maxFileSize of %p is the default',
	(maxFileSize) => {
		expect(readFileSettings({ maxFileSize }).maxFileSizeMiB).toBe(256);
	},
);

test.each([[''], ['   '], [null], [7]])(
	'a binaryPropertyOutput of %p is bad input naming the field',
	(value) => {
		expect(() => readFileSettings({ binaryPropertyOutput: value })).toThrow(BadInput);
		expect(() => readFileSettings({ binaryPropertyOutput: value })).toThrow(
			/^binaryPropertyOutput: /,
		);
	},
);

describe('download_failed under "Stop With an Error"', () => {
	const node: INode = {
		id: '1',
		name: 'Segmind',
		type: 'n8n-nodes-segmind.segmind',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const item = {
		success: false,
		statusCode: 404,
		status: 'download_failed',
		statusMessage: 'The output file could not be downloaded',
		remainingCredits: 99.5,
		error: 'images.segmind.com: HTTP 404 Not Found',
		requestId: 'req-123',
		files: [
			{ url: 'https://images.segmind.com/a.png', binaryProperty: null },
			{ url: null, binaryProperty: 'data' },
			{ url: 'https://images.segmind.com/b.png', binaryProperty: 'data_1' },
		],
	};

	test('the description carries the request id and the file URLs, to collect the billed run', () => {
		const error = apiFailureError(node, item, 2);
		expect(error.message).toBe('The output file could not be downloaded [download_failed]');
		expect(error.description).toBe(
			'Status code: 404. Remaining credits: 99.5. images.segmind.com: HTTP 404 Not Found The run was billed; its output can still be collected. Request ID: req-123 (Get Queued Result fetches it again, unbilled, within an hour). File URLs: https://images.segmind.com/a.png, https://images.segmind.com/b.png.',
		);
		expect(error.context.itemIndex).toBe(2);
	});

	test('a sync run has no request id; a refused file no status code', () => {
		const error = apiFailureError(node, { ...item, statusCode: null, requestId: null }, 0);
		expect(error.description).toContain('Status code: none.');
		expect(error.description).toContain('Request ID: none (a sync run).');
		expect(error.description).toContain('File URLs: https://images.segmind.com/a.png');
	});

	test('other statuses keep their description', () => {
		const error = apiFailureError(node, { ...item, status: 'server_error', statusCode: 500 }, 0);
		expect(error.description).toBe(
			'Status code: 500. Remaining credits: 99.5. images.segmind.com: HTTP 404 Not Found',
		);
	});
});
