import { isObject, numberOrNull } from '../../values';
import { parseBody, type ApiOutcome, statusOutputOf, type StatusOutput } from '../../client';
import { requestOptions } from '../../options';
import { defineOperation } from '../../pipeline';

/** The output item of Get Remaining Credits (the Segmind Trigger reads the same fields). */
export type CreditsOutput = {
	credits: number | null;
	freeCredits: number | null;
	totalCredits: number | null;
} & StatusOutput;

/** The balance an answer of get-user-credits reports; null fields when it failed. */
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

/** Get Remaining Credits: one balance request per input item. */
export const getCredits = defineOperation<undefined, ApiOutcome>({
	operation: {
		name: 'Get Remaining Credits',
		value: 'getCredits',
		description: 'Read the account balance (credits and free credits)',
		action: 'Get remaining credits',
	},
	subtitle: '"Get remaining credits"',
	fields: [],
	options: requestOptions,
	prepare: () => undefined,
	send: async (client) => await client.getCredits(),
	output: (_prepared, outcome) => ({ json: creditsOutput(outcome) }),
});
