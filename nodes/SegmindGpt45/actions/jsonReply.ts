import type { StatusFields } from '../../shared/status';

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
