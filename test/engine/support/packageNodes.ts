import type { INodeType } from 'n8n-workflow';

import { Segmind } from '../../../nodes/Segmind/Segmind.node';
import { SegmindGpt45 } from '../../../nodes/SegmindGpt45/SegmindGpt45.node';
import { INPUT_FILES_NODE_TYPE, InputFiles } from './inputFilesNode';

export const SEGMIND_NODE_TYPE = 'n8n-nodes-segmind.segmindGpt45';

/** The Segmind node: any Segmind model, its files, queued results, credits. */
export const SEGMIND_ANY_MODEL_NODE_TYPE = 'n8n-nodes-segmind.segmind';

/** The package's nodes the engine tests can run, by the type n8n knows them by. */
export const PACKAGE_NODE_TYPES: Record<string, () => INodeType> = {
	[SEGMIND_NODE_TYPE]: () => new SegmindGpt45(),
	[SEGMIND_ANY_MODEL_NODE_TYPE]: () => new Segmind(),
	// Test-only: the shared inputs module, until the Segmind node's Run a Model takes Input Files.
	[INPUT_FILES_NODE_TYPE]: () => new InputFiles(),
};
