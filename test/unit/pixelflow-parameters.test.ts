// The Segmind node's PixelFlow parameters as the contract names them: saved workflows refer to
// these names and defaults.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Segmind } from '../../nodes/Segmind/Segmind.node';

const properties = new Segmind().description.properties;

/** The parameters shown for one resource and operation (the Resource list itself aside). */
const shownFor = (resource: string, operation: string) =>
	properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show?.operation?.includes(operation);
	});

const optionValues = (property: INodeProperties | undefined) =>
	(property?.options as INodePropertyOptions[] | undefined)?.map((option) => option.value);

test("the resources in the contract's order, PixelFlow after Model, with Run a PixelFlow", () => {
	expect(optionValues(properties.find((property) => property.name === 'resource'))).toEqual([
		'model',
		'pixelflow',
		'file',
		'request',
		'account',
	]);
	const operation = properties.find(
		(property) =>
			property.name === 'operation' &&
			property.displayOptions?.show?.resource?.includes('pixelflow'),
	);
	expect(operation?.default).toBe('run');
	expect(operation?.options).toEqual([
		expect.objectContaining({ name: 'Run a PixelFlow', value: 'run' }),
	]);
});

test('Run a PixelFlow: workflowId, inputsJson ({}), binaryInputs, and the options with their defaults', () => {
	const fields = shownFor('pixelflow', 'run');
	expect(fields.map((field) => [field.name, field.type])).toEqual([
		['workflowId', 'string'],
		['inputsJson', 'json'],
		['binaryInputs', 'fixedCollection'],
		['options', 'collection'],
	]);
	expect(fields[0]).toMatchObject({ default: '', required: true });
	expect(fields[1].default).toBe('{}');
	const options = fields[3].options as INodeProperties[];
	expect(Object.fromEntries(options.map((option) => [option.name, option.default]))).toEqual({
		apiErrors: 'output',
		binaryPropertyOutput: 'data',
		concurrency: 5,
		downloadFrom: 'segmind',
		downloadOutputs: true,
		includeRawResponse: false,
		maxFileSize: 256,
		maxRetries: 2,
		pollInterval: 2000,
		rateLimitWait: 120000,
		requestsPerMinute: 0,
		timeout: 600000,
	});
});

test('Get Queued Result offers the PixelFlow queue ("PixelFlow Run"), Model Run (V2) still the default', () => {
	const queue = shownFor('request', 'getResult').find((property) => property.name === 'queue');
	expect(queue?.default).toBe('model');
	expect(queue?.options).toEqual([
		expect.objectContaining({ name: 'Model Run (V2)', value: 'model' }),
		expect.objectContaining({ name: 'PixelFlow Run', value: 'pixelflow' }),
	]);
});
