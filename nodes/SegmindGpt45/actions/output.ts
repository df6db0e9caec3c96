import type { IDataObject } from 'n8n-workflow';

import type { ChatMessage } from '../../shared/conversation';
import { readFinishReason, readReply, readUsage } from '../../shared/families/answer';
import type { ApiFormat, Usage } from '../../shared/families/types';
import { statusOf, type StatusOutput } from '../../shared/status';
import type { ApiOutcome } from '../../shared/transport/ApiOutcome';
import { parseBody, readErrorText, readRemainingCredits } from '../../shared/transport/readOutcome';
import { isObject, numberOrNull } from '../../shared/values';
import { invalidJsonStatus, parseJsonReply } from './jsonReply';

export interface MessageOutputOptions {
	messages: ChatMessage[];
	model: string;
	apiFormat: ApiFormat;
	/** A JSON reply was asked for: it is parsed into `json`, and a reply that is not JSON fails. */
	jsonReply: boolean;
	includeMessages: boolean;
	includeRawResponse: boolean;
}

/** The output item of Message the Model, in the order its fields are shown. */
export type MessageOutput = {
	reply: string | null;
	/** The parsed reply, when a JSON reply was asked for. */
	json?: unknown;
	messages?: ChatMessage[];
} & StatusOutput & {
		usage: Usage | null;
		finishReason: string | null;
		model: string;
		apiFormat: ApiFormat;
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

/** The status fields every output item carries, and `error` when the request failed. */
function statusFields(outcome: ApiOutcome): StatusOutput {
	const status = statusOf(outcome);
	const remainingCredits = outcome.answered ? readRemainingCredits(outcome.headers) : null;
	const fields: StatusOutput = { ...status, remainingCredits };
	if (!status.success) fields.error = readErrorText(outcome);
	return fields;
}

/** The output item of the message operation. */
export function messageOutput(outcome: ApiOutcome, options: MessageOutputOptions): MessageOutput {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	let status = statusFields(outcome);
	// Read from any 2xx, also one whose reply turns out not to be the JSON asked for.
	const answered = status.success;
	const reply = answered ? readReply(body) : null;
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
		apiFormat: options.apiFormat,
	};
	if (options.includeRawResponse && hasContent(body))
		output.response = body as IDataObject | string;
	return output;
}

/** The output item of the getCredits operation. */
export function creditsOutput(outcome: ApiOutcome): CreditsOutput {
	const status = statusFields(outcome);
	const body = outcome.answered && status.success ? parseBody(outcome.body) : undefined;
	const balance = isObject(body) ? body : {};
	const credits = numberOrNull(balance.credits);
	const freeCredits = numberOrNull(balance['free-credits']);
	const totalCredits =
		credits === null && freeCredits === null ? null : (credits ?? 0) + (freeCredits ?? 0);
	return { credits, freeCredits, totalCredits, ...status };
}
