import { statusOutputOf, type StatusOutput } from '../status';
import type { QueuedResult } from './QueuedResult';

/** The status fields of a queued request's output item: its HTTP status, or the queue's verdict. */
export function queuedStatus({ outcome, remainingCredits, failure }: QueuedResult): StatusOutput {
	const fields = statusOutputOf(outcome, remainingCredits);
	if (!failure) return fields;
	return { ...fields, success: false, ...failure };
}
