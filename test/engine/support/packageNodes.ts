import type { INodeType } from 'n8n-workflow';

import { SegmindGpt45 } from '../../../nodes/SegmindGpt45/SegmindGpt45.node';

export const SEGMIND_NODE_TYPE = 'n8n-nodes-segmind.segmindGpt45';

/** The package's nodes the engine tests can run, by the type n8n knows them by. */
export const PACKAGE_NODE_TYPES: Record<string, () => INodeType> = {
	[SEGMIND_NODE_TYPE]: () => new SegmindGpt45(),
};
