import { getCredits } from '../../shared/actions';
import { defineOperation, routerOf, type Operation } from '../../shared/pipeline';
import { upload } from './file/upload.operation';
import { runModel } from './model/run.operation';
import { getResult } from './request/getResult.operation';

// The resources in the order the node lists them, each with its operations (the first of each is
// its default). PixelFlow ("pixelflow") and File ("file") join after Model with their operations.
const resources: Array<{ name: string; value: string; operations: Operation[] }> = [
	{ name: 'Model', value: 'model', operations: [runModel] },
	{ name: 'File', value: 'file', operations: [upload] },
	{ name: 'Queued Request', value: 'request', operations: [getResult] },
	{
		name: 'Account',
		value: 'account',
		operations: [defineOperation({ ...getCredits, resource: 'account' })],
	},
];

export const router = routerOf(
	resources.flatMap((resource) => resource.operations),
	{
		resources: resources.map(({ name, value }) => ({ name, value })),
		options: 'perOperation',
	},
);
