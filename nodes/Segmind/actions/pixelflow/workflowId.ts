import type { INodeProperties } from 'n8n-workflow';

import { BadInput } from '../../../shared/badInput';
import { describeValue } from '../../../shared/values';

/** A PixelFlow's API URL, as its API page shows it; the group is the id. */
const WORKFLOW_URL = /^https:\/\/api\.segmind\.com\/workflows\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

/** A run's poll URL: a request id, not a flow. */
const POLL_URL = /^https?:\/\/[^/]+\/workflows\/request\//i;

/**
 * A PixelFlow id as one path segment: Segmind's look like `<hex>-v1`, but nothing documents the
 * form, so any letters, digits, `.`, `_` and `-` are taken (no slash, space or other URL syntax).
 */
const WORKFLOW_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const EXAMPLE_ID = '6a1f3e2b9c4d5e6f7a8b9c0d-v1';

/** The Workflow ID parameter: the flow's API id, or its API URL. */
export const workflowIdField: INodeProperties = {
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	default: '',
	required: true,
	placeholder: `e.g. ${EXAMPLE_ID}`,
	description:
		"The PixelFlow's API ID, as its API page on segmind.com shows it (e.g. 6a1f3e2b9c4d5e6f7a8b9c0d-v1), or its API URL: https://api.segmind.com/workflows/ followed by the ID. The run goes to the credential's Base URL.",
};

const emptyWorkflowId = () =>
	new BadInput(
		`workflowId is empty: give the PixelFlow's API ID (e.g. ${EXAMPLE_ID}) or its API URL`,
	);

const malformed = (text: string) =>
	new BadInput(
		`workflowId: "${text}" is not a PixelFlow ID or API URL; give the ID (e.g. ${EXAMPLE_ID}) or https://api.segmind.com/workflows/<id>`,
	);

/**
 * The flow's id from the Workflow ID parameter: the id as given, or the one its API URL names.
 * Empty, or anything else (another URL, a poll URL, text with slashes or spaces), is bad input
 * naming `workflowId`.
 */
export function readWorkflowId(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		if (value === undefined || value === null) throw emptyWorkflowId();
		throw new BadInput(`workflowId must be text, not ${describeValue(value)}`);
	}
	const text = String(value).trim();
	if (text === '') throw emptyWorkflowId();
	if (POLL_URL.test(text)) {
		throw new BadInput(
			`workflowId: "${text}" is a run's poll URL, not a PixelFlow: collect a run with Queued Request → Get Queued Result (queue PixelFlow Run), or give the flow's ID`,
		);
	}
	let id = text;
	if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
		const segment = WORKFLOW_URL.exec(text)?.[1];
		if (segment === undefined) throw malformed(text);
		try {
			id = decodeURIComponent(segment);
		} catch {
			throw malformed(text);
		}
	}
	if (!WORKFLOW_ID.test(id)) throw malformed(text);
	return id;
}
