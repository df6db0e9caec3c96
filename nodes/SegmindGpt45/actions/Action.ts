import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ApiRoot } from '../../shared/transport/baseUrl';
import type { JobSource } from '../jobs/Job';

/** One operation of the node: how the editor shows it, and the jobs a run of it sends. */
export interface Action {
	/** Its entry in the Operation list. */
	operation: INodePropertyOptions & { value: string; action: string };
	/** The node's subtitle for it: an expression fragment that evaluates to text. */
	subtitle: string;
	/** Parameters of its own; the router shows them for this operation only. */
	fields: INodeProperties[];
	/** Its entries of the Options collection (an entry several operations share is shown for each). */
	options: INodeProperties[];
	/** The run's jobs, one per output item. */
	jobs(context: IExecuteFunctions, items: INodeExecutionData[], apiRoot: ApiRoot): JobSource;
}
