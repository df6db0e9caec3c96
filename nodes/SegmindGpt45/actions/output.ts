import type { IDataObject } from 'n8n-workflow';

import type { ChatMessage } from '../../shared/conversation';
import { readFinishReason, readReply, readUsage } from '../../shared/families/answer';
import type { Usage } from '../../shared/families/types';
import { statusOutputOf, type StatusOutput } from '../../shared/status';
import type { ApiOutcome } from '../../shared/transport/ApiOutcome';
import { parseBody } from '../../shared/transport/readOutcome';
import { isObject, numberOrNull } from '../../shared/values';

export interface MessageOutputOptions {
	messages: ChatMessage[];
	model: string;
	includeMessages: boolean;
	includeRawResponse: boolean;
}

/** The output item of Message the Model, in the order its fields are shown. */
export type MessageOutput = {
	reply: string | null;
	messages?: ChatMessage[];
} & StatusOutput & {
		usage: Usage | null;
		finishReason: string | null;
		model: string;
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

/** The output item of the message operation. */
export function messageOutput(outcome: ApiOutcome, options: MessageOutputOptions): MessageOutput {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const status = statusOutputOf(outcome);
	const reply = status.success ? readReply(body) : null;
	const messages =
		status.success && options.includeMessages
			? [
					...options.messages,
					...(reply === null ? [] : [{ role: 'assistant' as const, content: reply }]),
				]
			: undefined;
	const output: MessageOutput = {
		reply,
		...(messages && { messages }),
		...status,
		usage: status.success ? readUsage(body) : null,
		finishReason: status.success ? readFinishReason(body) : null,
		model: options.model,
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
