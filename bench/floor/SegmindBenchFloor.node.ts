// The floor of the bench, never shipped: the least a node sending this package's chat request
// through n8n must do. Per item it reads the same parameters (n8n evaluates their expressions)
// and calls n8n's authenticated request helper once, `concurrency` requests in flight, and puts
// out the answer's body. No validation, retries, pacing or status fields: what this package's
// node spends beyond this node's executionTime is its own.
// Type imports only: the bench installs the transpiled file without node_modules.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

const CREDENTIAL = 'segmindApi';
const MODEL = 'gpt-4.5-preview';

interface Message {
	role: string;
	content: string;
}

export class SegmindBenchFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segmind Bench Floor',
		name: 'segmindBenchFloor',
		group: ['transform'],
		version: 1,
		description: "The bench's floor: one authenticated request per item, nothing more",
		defaults: { name: 'Segmind Bench Floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL, required: true }],
		// The same parameter names and shapes as the package's node, so the workflows read alike.
		properties: [
			{
				displayName: 'Messages',
				name: 'messages',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Message',
						name: 'values',
						values: [
							{ displayName: 'Role', name: 'role', type: 'string', default: 'user' },
							{ displayName: 'Content', name: 'content', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 }],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// Read once and handed to every request, as the package's node does: without it n8n
		// would look the credential up and decrypt it again for each request.
		const data = await this.getCredentials(CREDENTIAL);
		const { id, name } = this.getNode().credentials?.[CREDENTIAL] ?? { id: '', name: '' };
		const credentialsDecrypted = { id: id ?? '', name, type: CREDENTIAL, data };
		const url = `${String(data.baseUrl).replace(/\/+$/, '')}/v1/${MODEL}`;

		const output: INodeExecutionData[] = new Array(items.length);
		const send = async (itemIndex: number) => {
			const messages = this.getNodeParameter('messages.values', itemIndex, []) as Message[];
			// Read per item for its cost alone, as the package's node reads its options per item.
			this.getNodeParameter('options', itemIndex, {});
			const body = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL,
				{
					method: 'POST',
					url,
					body: { messages: messages.map(({ role, content }) => ({ role, content })) },
					json: true,
				},
				{ credentialsDecrypted },
			)) as IDataObject;
			output[itemIndex] = { json: body, pairedItem: { item: itemIndex } };
		};

		let next = 0;
		const worker = async () => {
			while (next < items.length) await send(next++);
		};
		const concurrency = Number(this.getNodeParameter('options.concurrency', 0, 5));
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
		return [output];
	}
}
