import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
	IPollFunctions,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SegmindTrigger } from '../../../nodes/SegmindTrigger/SegmindTrigger.node';
import { engineAdditionalData } from './additionalData';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-segmind.segmindTrigger';

const nodeTypes: INodeTypes = {
	getByName: () => new SegmindTrigger(),
	getByNameAndVersion: () => new SegmindTrigger(),
	getKnownTypes: () => ({}),
};

/** What one scheduled poll came to: the items n8n would start the workflow with, or the error it records. */
export interface Tick {
	emitted?: INodeExecutionData[][];
	error?: Error;
}

/**
 * An active workflow with the Segmind Trigger, polled as n8n polls it: each tick goes through
 * n8n-core's PollTriggerExecutor (the code n8n's cron runs) with a real PollContext on one
 * Workflow, whose static data lives between polls as it does in a running n8n.
 */
export class ActiveTrigger {
	readonly workflow: Workflow;

	readonly node: INode;

	constructor(
		parameters: INodeParameters,
		private readonly credentials: ICredentialDataDecryptedObject,
		/** The workflow's static data as n8n stored it (a restart loads it from the database). */
		staticData: IDataObject = {},
	) {
		this.node = {
			id: 'segmind-trigger',
			name: 'Segmind Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { segmindApi: { id: 'credential-1', name: 'Segmind account' } },
		};
		this.workflow = new Workflow({
			id: 'trigger-test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData,
		});
	}

	private context(mode: 'trigger' | 'manual', tick: Tick = {}): IPollFunctions {
		return new PollContext(
			this.workflow,
			this.node,
			engineAdditionalData(this.credentials),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			(data) => (tick.emitted = data),
			(error) => (tick.error = error),
		);
	}

	/**
	 * One poll from n8n's schedule: emitted items go to the workflow, an error is recorded as a
	 * failed execution (nothing is thrown). Each tick has a PollContext of its own on the same
	 * Workflow, so whatever carries over between polls lives in the workflow's static data.
	 */
	async tick(): Promise<Tick> {
		const tick: Tick = {};
		const run = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.node,
			this.context('trigger', tick),
			() => true,
		);
		await run(false);
		return tick;
	}

	/** The poll n8n runs when the workflow is activated: an error thrown here refuses activation. */
	async activate(): Promise<Tick> {
		const tick: Tick = {};
		const run = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.node,
			this.context('trigger', tick),
			() => true,
		);
		await run(true);
		return tick;
	}

	/** "Fetch Test Event": the poll in manual mode, as n8n-core's WorkflowExecute runs it. */
	async fetchTestEvent(): Promise<INodeExecutionData[][] | null> {
		return await new SegmindTrigger().poll.call(this.context('manual'));
	}

	/** The node's static data now, as n8n would store it. */
	nodeStaticData(): IDataObject {
		return JSON.parse(
			JSON.stringify(this.workflow.getStaticData('node', this.node)),
		) as IDataObject;
	}

	/** Whether n8n would see the workflow's static data as changed, and save it. */
	staticDataChanged(): boolean {
		return this.workflow.staticData.__dataChanged === true;
	}

	/** The same workflow after n8n restarts: its static data as stored, in a new Workflow. */
	restarted(): ActiveTrigger {
		const stored = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		return new ActiveTrigger(this.node.parameters, this.credentials, stored);
	}
}
