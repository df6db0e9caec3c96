import type {
	IBinaryKeyData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	IPairedItemData,
} from 'n8n-workflow';

import type { SegmindClient, StatusOutput } from '../client';

/** What one output item stands for: an input item, or (one conversation of items) several. */
export interface ItemUnit {
	/** The input item its parameters are read from and its errors reported against. */
	itemIndex: number;
	pairedItem: IPairedItemData | IPairedItemData[];
}

/** An output item as an operation builds it: the status fields and its own, and any files. */
export interface ItemOutput {
	json: StatusOutput;
	binary?: IBinaryKeyData;
}

/**
 * One operation of a node, in three steps the item pipeline runs for every item: `prepare`
 * reads and checks the item's parameters (bad input throws BadInput, and nothing is sent for
 * the item), `send` makes the request(s) through the run's client, `output` builds the item.
 */
export interface Operation<Prepared = unknown, Answer = unknown> {
	/** The resource it belongs to, on nodes that have a Resource parameter. */
	resource?: string;
	/** Its entry in the Operation list. */
	operation: INodePropertyOptions & { value: string; action: string };
	/** The node's subtitle for it: an expression fragment that evaluates to text. */
	subtitle: string;
	/** Parameters of its own; the router shows them for this operation only. */
	fields: INodeProperties[];
	/** Its Options; their defaults are the run's fallbacks (see readRunSettings). */
	options: INodeProperties[];
	/** The output items' units: one per input item unless the operation groups them. */
	units?: (context: IExecuteFunctions, items: INodeExecutionData[]) => ItemUnit[];
	prepare(context: IExecuteFunctions, unit: ItemUnit, items: INodeExecutionData[]): Prepared;
	/** Resolves undefined when the run stopped first. A BadInput thrown here (input read late) fails the item unsent. */
	send(
		client: SegmindClient,
		prepared: Prepared,
		context: IExecuteFunctions,
	): Promise<Answer | undefined>;
	output(prepared: Prepared, answer: Answer, context: IExecuteFunctions): ItemOutput;
}

/** An operation with its own types, as the router's list holds it. */
export const defineOperation = <Prepared, Answer>(
	operation: Operation<Prepared, Answer>,
): Operation => operation as unknown as Operation;
