import type { IDataObject } from 'n8n-workflow';

import type { ChatMessage } from '../../shared/conversation';
import {
	parseBody,
	readErrorText,
	readFinishReason,
	readRemainingCredits,
	readReply,
	readUsage,
} from '../../shared/answer';
import { statusOf } from '../../shared/status';
import type { ApiOutcome } from '../../shared/transport/ApiOutcome';

export interface MessageOutputOptions {
	messages: ChatMessage[];
	model: string;
	includeMessages: boolean;
	includeRawResponse: boolean;
}

const hasContent = (body: unknown) => body !== undefined && body !== null && body !== '';

/** The status fields every output item carries, and `error` when the request failed. */
function statusFields(outcome: ApiOutcome): IDataObject {
	const status = statusOf(outcome);
	const remainingCredits = outcome.answered ? readRemainingCredits(outcome.headers) : null;
	const fields: IDataObject = { ...status, remainingCredits };
	if (!status.success) fields.error = readErrorText(outcome);
	return fields;
}

/** The output item of the message operation. */
export function messageOutput(outcome: ApiOutcome, options: MessageOutputOptions): IDataObject {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const status = statusFields(outcome);
	const reply = status.success ? readReply(body) : null;
	const json: IDataObject = { reply };
	if (status.success && options.includeMessages) {
		const answer: ChatMessage[] = reply === null ? [] : [{ role: 'assistant', content: reply }];
		json.messages = [...options.messages, ...answer];
	}
	Object.assign(json, status, {
		usage: status.success ? readUsage(body) : null,
		finishReason: status.success ? readFinishReason(body) : null,
		model: options.model,
	});
	if (options.includeRawResponse && hasContent(body)) json.response = body as IDataObject;
	return json;
}

const numberOrNull = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The output item of the getCredits operation. */
export function creditsOutput(outcome: ApiOutcome): IDataObject {
	const status = statusFields(outcome);
	const body = outcome.answered && status.success ? parseBody(outcome.body) : undefined;
	const balance = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const credits = numberOrNull(balance.credits);
	const freeCredits = numberOrNull(balance['free-credits']);
	const totalCredits =
		credits === null && freeCredits === null ? null : (credits ?? 0) + (freeCredits ?? 0);
	return { credits, freeCredits, totalCredits, ...status };
}
