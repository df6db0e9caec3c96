import type { IDataObject } from 'n8n-workflow';

import { isObject, parseJsonText } from '../values';
import type { ApiOutcome } from './request';

const ERROR_TEXT_LIMIT = 200;

/** Whether the API answered with a 2xx. */
export const isSuccess = (outcome: ApiOutcome): boolean =>
	outcome.answered && outcome.statusCode >= 200 && outcome.statusCode < 300;

/**
 * A body as JSON when it is JSON text, else as it came: an answer without a JSON content type
 * arrives as text, and a queued result's `output` holds the provider's JSON as a string.
 */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	return parseJsonText(body)?.value ?? body;
}

/** A header's value (lower-case `name`); the first one when the header came several times. */
export function headerValue(headers: IDataObject, name: string): unknown {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** A Content-Type without its parameters, lower case; undefined when empty. */
export function baseMimeType(contentType: unknown): string | undefined {
	const text =
		typeof contentType === 'string' ? contentType.split(';')[0].trim().toLowerCase() : '';
	return text === '' ? undefined : text;
}

/** The balance from the x-remaining-credits header; null when absent or not a number. */
export function readRemainingCredits(headers: IDataObject): number | null {
	const text = headerValue(headers, 'x-remaining-credits');
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

export type StatusFields = {
	success: boolean;
	statusCode: number | null;
	status: string;
	statusMessage: string;
};

/** The fields every output item carries, with `error` when the request failed. */
export type StatusOutput = StatusFields & {
	remainingCredits: number | null;
	error?: string;
};

// The documented meaning of each status Segmind answers with (see the README's troubleshooting).
const KNOWN_STATUSES: Record<number, [status: string, statusMessage: string]> = {
	401: ['unauthorized', 'User authentication failed'],
	404: ['not_found', 'The requested URL does not exist'],
	405: ['method_not_allowed', 'The requested HTTP method is not allowed'],
	406: ['insufficient_credits', 'Not enough credits'],
	410: ['gone', 'The model has been retired'],
	429: ['rate_limited', 'Too many requests'],
	500: ['server_error', 'Server had some issue with processing'],
	502: ['server_error', 'Server had some issue with processing'],
	503: ['server_error', 'Server had some issue with processing'],
	504: ['server_error', 'Server had some issue with processing'],
};

/** The status fields an outcome stands for, as the contract's status table says. */
export function statusOf(outcome: ApiOutcome): StatusFields {
	if (!outcome.answered) {
		return outcome.kind === 'timeout'
			? {
					success: false,
					statusCode: null,
					status: 'timeout',
					statusMessage: 'The request timed out',
				}
			: {
					success: false,
					statusCode: null,
					status: 'network_error',
					statusMessage: 'The connection to the API failed',
				};
	}
	const { statusCode, reasonPhrase } = outcome;
	if (isSuccess(outcome)) {
		return { success: true, statusCode, status: 'ok', statusMessage: 'OK' };
	}
	const known = KNOWN_STATUSES[statusCode];
	if (known) {
		return { success: false, statusCode, status: known[0], statusMessage: known[1] };
	}
	return {
		success: false,
		statusCode,
		status: 'http_error',
		statusMessage: reasonPhrase || `HTTP ${statusCode}`,
	};
}

/**
 * The status fields of an output item, and `error` when the request failed. The balance is the
 * answer's x-remaining-credits unless the caller saw a later one.
 */
export function statusOutputOf(
	outcome: ApiOutcome,
	remainingCredits: number | null = outcome.answered ? readRemainingCredits(outcome.headers) : null,
): StatusOutput {
	const status = statusOf(outcome);
	const fields: StatusOutput = { ...status, remainingCredits };
	if (!status.success) fields.error = readErrorText(outcome);
	return fields;
}
