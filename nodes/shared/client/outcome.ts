import type { IDataObject } from 'n8n-workflow';

import { parseJsonText } from '../json';
import { isObject } from '../values';

/** What one request came to: an answer with any status, or none at all. */
export type ApiOutcome = ApiAnswer | NoAnswer;

export interface ApiAnswer {
	answered: true;
	statusCode: number;
	reasonPhrase: string;
	headers: IDataObject;
	body: unknown;
}

export interface NoAnswer {
	answered: false;
	/** timeout: the request may have reached the API; network: it failed on the way. */
	kind: 'timeout' | 'network';
	/** The system error code (ECONNREFUSED, ECONNRESET, ...) when there is one. */
	code: string;
	/** Text for the user, e.g. "connect ECONNREFUSED 127.0.0.1:1". */
	message: string;
}

const ERROR_TEXT_LIMIT = 200;

/** Whether the API answered with a 2xx. */
export const isSuccess = (outcome: ApiOutcome): boolean =>
	outcome.answered && outcome.statusCode >= 200 && outcome.statusCode < 300;

/** No answer within `timeoutMs`: the request may have reached the API. */
export const timedOut = (timeoutMs: number, code = 'ETIMEDOUT'): NoAnswer => ({
	answered: false,
	kind: 'timeout',
	code,
	message: `No answer within the timeout of ${timeoutMs} ms`,
});

/**
 * A body as JSON when it is JSON text, else as it came: an answer without a JSON content type
 * arrives as text, and a queued result's `output` holds the provider's JSON as a string.
 */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	return parseJsonText(body)?.value ?? body;
}

/** The balance from the x-remaining-credits header; null when absent or not a number. */
export function readRemainingCredits(headers: IDataObject): number | null {
	const value = headers['x-remaining-credits'];
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' || text.trim() === '') return null;
	const credits = Number(text);
	return Number.isFinite(credits) ? credits : null;
}

const clip = (text: string) => text.slice(0, ERROR_TEXT_LIMIT);

/** Why a request failed, in the API's own words where it gave any. */
export function readErrorText(outcome: ApiOutcome): string {
	if (!outcome.answered) return outcome.message;
	const body = parseBody(outcome.body);
	if (isObject(body)) {
		for (const key of ['error', 'message']) {
			const text = body[key];
			if (typeof text === 'string' && text !== '') return text;
			if (isObject(text) && typeof text.message === 'string') return text.message;
		}
		return clip(JSON.stringify(body));
	}
	if (typeof body === 'string' && body.trim() !== '') return clip(body);
	if (body !== undefined && body !== null && typeof body !== 'string')
		return clip(JSON.stringify(body));
	// An empty body says nothing: the reason phrase is the best text there is.
	return outcome.reasonPhrase || `HTTP ${outcome.statusCode}`;
}
