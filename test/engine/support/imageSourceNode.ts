import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const IMAGE_SOURCE_NODE_TYPE = 'test.imageSource';

/**
 * A node before the Segmind node that makes binary data the way n8n nodes do (prepareBinaryData,
 * so the binary-data mode of the run decides where the bytes live): each item's `files` field,
 * {property: {base64, mimeType, fileName}}, becomes its binary properties.
 */
export class ImageSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Image Source',
		name: 'imageSource',
		group: ['input'],
		version: 1,
		description: 'Test node: binary data from base64 fields',
		defaults: { name: 'Image Source' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const { files = {}, ...json } = item.json as {
				files?: Record<string, { base64: string; mimeType: string; fileName: string }>;
			};
			const binary: INodeExecutionData['binary'] = {};
			for (const [property, file] of Object.entries(files)) {
				binary[property] = await this.helpers.prepareBinaryData(
					Buffer.from(file.base64, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			output.push({ json, binary, pairedItem: { item: index } });
		}
		return [output];
	}
}
