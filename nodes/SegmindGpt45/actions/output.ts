import type { IDataObject } from 'n8n-workflow';

import { readFinishReason, readReply, readUsage } from '../../shared/apiFormats';
import {
	parseBody,
	queuedStatus,
	type ApiOutcome,
	type QueuedResult,
	statusOutputOf,
	type StatusFields,
	type StatusOutput,
} from '../../shared/client';
import type { ChatMessage, ApiFormatName, Usage } from '../../shared/apiFormats';

export interface MessageOutputOptions {
	messages: ChatMessage[];
	/** null when collecting a queued request, whose model the node was not told. */
	model: string | null;
	/** The request format used; unknown (and left out) when collecting a queued request. */
	apiFormat?: ApiFormatName;
	/** A JSON reply was asked for: it is parsed into `json`, and a reply that is not JSON fails. */
	jsonReply: boolean;
	includeMessages: boolean;
	includeRawResponse: boolean;
}

/** The output item of Message the Model, in the order its fields are shown. */
export type MessageOutput = {
	reply: string | null;
	json?: unknown;
	messages?: ChatMessage[];
} & StatusOutput & {
		usage: Usage | null;
		finishReason: string | null;
		model: string | null;
		apiFormat?: ApiFormatName;
		/** Queue mode only: the id Segmind gave the submit (null when none was accepted). */
		requestId?: string | null;
		// The body as it came: JSON, or the text of a body that is not JSON.
		response?: IDataObject | string;
	};

/** The reply parsed as JSON (null when there is none), or the parser's message. */
export function parseJsonReply(reply: string | null): { json: unknown } | { error: string } {
	if (reply === null) return { json: null };
	try {
		return { json: JSON.parse(reply) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** A 2xx whose reply should be JSON and is not: a failure, though the answer came (and was billed). */
export const invalidJsonStatus = (statusCode: number | null): StatusFields => ({
	success: false,
	statusCode,
	status: 'invalid_json',
	statusMessage: 'The reply is not valid JSON',
});

const hasContent = (body: unknown) => body !== undefined && body !== null && body !== '';

/** The output item of the message operation in sync mode. */
export function messageOutput(outcome: ApiOutcome, options: MessageOutputOptions): MessageOutput {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const status = statusOutputOf(outcome);
	return chatOutput(status, body, status.success ? readReply(body) : null, options);
}

/**
 * The output item of a queued request (message in queue mode, getResult): as in sync mode, from
 * the provider's answer, plus `requestId`. An `output` that was not JSON is the reply text.
 */
export function queuedMessageOutput(
	result: QueuedResult,
	options: MessageOutputOptions,
): MessageOutput {
	const { outcome } = result;
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const status = queuedStatus(result);
	const reply = status.success ? (typeof body === 'string' ? body : readReply(body)) : null;
	return { ...chatOutput(status, body, reply, options), requestId: result.requestId };
}

function chatOutput(
	answerStatus: StatusOutput,
	body: unknown,
	reply: string | null,
	options: MessageOutputOptions,
): MessageOutput {
	// Read from any 2xx, also one whose reply turns out not to be the JSON asked for.
	const answered = answerStatus.success;
	let status = answerStatus;
	let json: { json?: unknown } = {};
	if (options.jsonReply) {
		const parsed = parseJsonReply(reply);
		json = { json: 'json' in parsed ? parsed.json : null };
		if ('error' in parsed) {
			status = {
				...invalidJsonStatus(status.statusCode),
				remainingCredits: status.remainingCredits,
				error: parsed.error,
			};
		}
	}
	const messages =
		status.success && options.includeMessages
			? [
					...options.messages,
					...(reply === null ? [] : [{ role: 'assistant' as const, content: reply }]),
				]
			: undefined;
	const output: MessageOutput = {
		reply,
		...json,
		...(messages && { messages }),
		...status,
		usage: answered ? readUsage(body) : null,
		finishReason: answered ? readFinishReason(body) : null,
		model: options.model,
		...(options.apiFormat && { apiFormat: options.apiFormat }),
	};
	if (options.includeRawResponse && hasContent(body))
		output.response = body as IDataObject | string;
	return output;
}
