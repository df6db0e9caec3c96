import type { INodeType, INodeTypes } from 'n8n-workflow';

import { Segmind } from '../../../nodes/Segmind/Segmind.node';
import { SegmindGpt45 } from '../../../nodes/SegmindGpt45/SegmindGpt45.node';
import { IMAGE_SOURCE_NODE_TYPE, ImageSource } from './imageSourceNode';
import { OUTPUT_FILES_NODE_TYPE, OutputFilesNode } from './outputFilesNode';

export const SEGMIND_NODE_TYPE = 'n8n-nodes-segmind.segmindGpt45';

/** The Segmind node: any Segmind model, its files, queued results, credits. */
export const SEGMIND_ANY_MODEL_NODE_TYPE = 'n8n-nodes-segmind.segmind';

/** The package's nodes the engine tests can run, by the type n8n knows them by. */
export const PACKAGE_NODE_TYPES: Record<string, () => INodeType> = {
	[SEGMIND_NODE_TYPE]: () => new SegmindGpt45(),
	[SEGMIND_ANY_MODEL_NODE_TYPE]: () => new Segmind(),
};

/** The test's own nodes a workflow may hold beside the package's. */
const TEST_NODE_TYPES: Record<string, () => INodeType> = {
	[IMAGE_SOURCE_NODE_TYPE]: () => new ImageSource(),
	[OUTPUT_FILES_NODE_TYPE]: () => new OutputFilesNode(),
};

export const nodeTypeOf = (type: string): INodeType => {
	const nodeType = TEST_NODE_TYPES[type] ?? PACKAGE_NODE_TYPES[type];
	if (!nodeType) throw new Error(`No node type ${type} in this package's test registry`);
	return nodeType();
};

/** The node-type registry the engine tests' workflows are built with. */
export const nodeTypes: INodeTypes = {
	getByName: nodeTypeOf,
	getByNameAndVersion: nodeTypeOf,
	getKnownTypes: () => ({}),
};
