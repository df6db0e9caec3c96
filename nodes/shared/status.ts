import { isSuccess, readErrorText, readRemainingCredits, type ApiOutcome } from './client/outcome';

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
