import type { INodeProperties } from 'n8n-workflow';

import { collectOptions, runModelOptions } from '../../nodes/Segmind/actions/options';
import { readModelSlug, slugOfModelUrl } from '../../nodes/Segmind/actions/model/modelLocator';
import { Segmind } from '../../nodes/Segmind/Segmind.node';
import { readRunSettings } from '../../nodes/shared/pipeline';

const { description } = new Segmind();

/** The parameter of that name shown for a resource and operation. */
function parameter(name: string, resource: string, operation: string): INodeProperties {
	const found = description.properties.find(
		(property) =>
			property.name === name &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
	if (!found) throw new Error(`No parameter ${name} for ${resource}/${operation}`);
	return found;
}

const optionNames = (collection: INodeProperties) =>
	(collection.options as INodeProperties[]).map((option) => option.name).sort();

test('the node: type segmind, usable as a tool, the Segmind API credential', () => {
	expect(description).toMatchObject({
		name: 'segmind',
		displayName: 'Segmind',
		version: 1,
		usableAsTool: true,
		credentials: [{ name: 'segmindApi', required: true }],
		icon: { light: 'file:segmind.svg', dark: 'file:segmind.dark.svg' },
	});
	expect(description.subtitle).toEqual(expect.stringContaining('$parameter["resource"]'));
});

test('resources in the contract order (those built so far), each with its operation', () => {
	const resource = description.properties.find((property) => property.name === 'resource');
	expect(resource).toMatchObject({ type: 'options', default: 'model' });
	expect(resource?.options).toEqual([
		{ name: 'Model', value: 'model' },
		{ name: 'PixelFlow', value: 'pixelflow' },
		{ name: 'File', value: 'file' },
		{ name: 'Queued Request', value: 'request' },
		{ name: 'Account', value: 'account' },
	]);
	const operations = description.properties
		.filter((property) => property.name === 'operation')
		.map((property) => [
			property.displayOptions?.show?.resource?.[0],
			(property.options as Array<{ name: string; value: string }>).map(({ name, value }) => ({
				name,
				value,
			})),
			property.default,
		]);
	expect(operations).toEqual([
		['model', [{ name: 'Run a Model', value: 'run' }], 'run'],
		['pixelflow', [{ name: 'Run a PixelFlow', value: 'run' }], 'run'],
		['file', [{ name: 'Upload a File', value: 'upload' }], 'upload'],
		['request', [{ name: 'Get Queued Result', value: 'getResult' }], 'getResult'],
		['account', [{ name: 'Get Remaining Credits', value: 'getCredits' }], 'getCredits'],
	]);
});

test('Run a Model: the model picker, the parameters modes, and the options with their media defaults', () => {
	const model = parameter('model', 'model', 'run');
	expect(model).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: '' } });
	expect(model.modes?.map((mode) => [mode.name, mode.displayName])).toEqual([
		['list', 'From List'],
		['id', 'By Slug'],
		['url', 'By URL'],
	]);
	expect(model.modes?.[0].typeOptions).toEqual({
		searchListMethod: 'searchModels',
		searchable: true,
	});
	expect(typeof new Segmind().methods.listSearch.searchModels).toBe('function');
	expect(parameter('parametersMode', 'model', 'run')).toMatchObject({
		type: 'options',
		default: 'json',
		options: [
			{ name: 'Using JSON', value: 'json' },
			{ name: 'Using Fields Below', value: 'fields' },
		],
	});
	expect(parameter('parametersJson', 'model', 'run')).toMatchObject({
		type: 'json',
		default: '{\n  "prompt": ""\n}',
	});
	expect(optionNames(parameter('options', 'model', 'run'))).toEqual(
		[
			'apiErrors',
			'binaryPropertyOutput',
			'concurrency',
			'downloadFrom',
			'downloadOutputs',
			'includeRawResponse',
			'maxFileSize',
			'maxRetries',
			'pollInterval',
			'rateLimitWait',
			'requestMode',
			'requestsPerMinute',
			'timeout',
		].sort(),
	);
	const defaults = Object.fromEntries(
		runModelOptions.map((option) => [option.name, option.default]),
	);
	expect(defaults).toMatchObject({
		requestMode: 'queue',
		pollInterval: 2000,
		timeout: 600000,
		downloadOutputs: true,
		downloadFrom: 'segmind',
		binaryPropertyOutput: 'data',
		maxFileSize: 256,
		maxRetries: 2,
		concurrency: 5,
		requestsPerMinute: 0,
		rateLimitWait: 120000,
		apiErrors: 'output',
		includeRawResponse: false,
	});
	expect(readRunSettings({}, runModelOptions)).toMatchObject({
		timeoutMs: 600000,
		pollIntervalMs: 2000,
	});
});

test('Get Queued Result: the request id from the item, the queue, and the options but the request mode', () => {
	expect(parameter('requestId', 'request', 'getResult')).toMatchObject({
		type: 'string',
		default: '={{ $json.requestId }}',
	});
	expect(parameter('queue', 'request', 'getResult')).toMatchObject({
		type: 'options',
		default: 'model',
		options: [
			expect.objectContaining({ name: 'Model Run (V2)', value: 'model' }),
			expect.objectContaining({ name: 'PixelFlow Run', value: 'pixelflow' }),
		],
	});
	expect(optionNames(parameter('options', 'request', 'getResult'))).toEqual(
		runModelOptions
			.map((option) => option.name)
			.filter((name) => name !== 'requestMode')
			.sort(),
	);
	expect(collectOptions.map((option) => option.name)).not.toContain('requestMode');
});

describe('a Segmind model URL gives its slug', () => {
	test.each([
		['https://www.segmind.com/models/flux-pro', 'flux-pro'],
		['https://www.segmind.com/models/flux-pro/api', 'flux-pro'],
		['https://segmind.com/models/flux-pro/api/', 'flux-pro'],
		['https://www.segmind.com/models/sd1.5-img2img?tab=api#code', 'sd1.5-img2img'],
		['HTTPS://WWW.SEGMIND.COM/models/veo-3.1', 'veo-3.1'],
		['  https://www.segmind.com/models/kling%2Dimage2video  ', 'kling-image2video'],
	])('%s -> %s', (url, slug) => {
		expect(slugOfModelUrl(url)).toBe(slug);
		expect(readModelSlug({ __rl: true, mode: 'url', value: url })).toBe(slug);
	});

	test.each([
		'https://example.com/models/flux-pro',
		'https://www.segmind.com/pixelflows/flux-pro',
		'https://www.segmind.com/models/',
		'https://www.segmind.com/models/flux-pro/api/extra',
		'https://api.segmind.com/v1/flux-pro',
		'flux-pro',
	])('not %s', (url) => {
		expect(slugOfModelUrl(url)).toBeUndefined();
		expect(() => readModelSlug({ mode: 'url', value: url })).toThrow(/^model: /);
	});

	test('the other modes take the value as the slug, trimmed', () => {
		expect(readModelSlug({ mode: 'list', value: ' flux-pro ' })).toBe('flux-pro');
		expect(readModelSlug({ mode: 'id', value: 'flux-pro' })).toBe('flux-pro');
		expect(readModelSlug('flux-pro')).toBe('flux-pro');
		expect(() => readModelSlug({ mode: 'id', value: '' })).toThrow(/^model is empty/);
	});
});
