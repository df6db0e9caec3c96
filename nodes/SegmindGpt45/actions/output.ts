import type { IDataObject } from 'n8n-workflow';

import {
	readFinishReason,
	readReply,
	readUsage,
	type ApiFormatName,
	type Usage,
} from '../../shared/apiFormats';
import type { ChatMessage } from '../../shared/conversation';
import type { QueuedResult } from '../../shared/queue/QueuedResult';
import { queuedStatus } from '../../shared/queue/queuedStatus';
import { statusOutputOf, type StatusOutput } from '../../shared/status';
import type { ApiOutcome } from '../../shared/transport/ApiOutcome';
import { parseBody } from '../../shared/transport/readOutcome';
import { isObject, numberOrNull } from '../../shared/values';
import { invalidJsonStatus, parseJsonReply } from './jsonReply';

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

/** The output item of Get Remaining Credits. */
export type CreditsOutput = {
	credits: number | null;
	freeCredits: number | null;
	totalCredits: number | null;
} & StatusOutput;

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

/** The output item of the getCredits operation. */
export function creditsOutput(outcome: ApiOutcome): CreditsOutput {
	const status = statusOutputOf(outcome);
	const body = outcome.answered && status.success ? parseBody(outcome.body) : undefined;
	const balance = isObject(body) ? body : {};
	const credits = numberOrNull(balance.credits);
	const freeCredits = numberOrNull(balance['free-credits']);
	const totalCredits =
		credits === null && freeCredits === null ? null : (credits ?? 0) + (freeCredits ?? 0);
	return { credits, freeCredits, totalCredits, ...status };
}
