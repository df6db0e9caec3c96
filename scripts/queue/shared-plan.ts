// The Segmind plan every process of the queue-mode stack shares: one emulator key, one
// credential that holds it. A test or bench gives the plan a rate limit with
// `emulator.configure({ keys: sharedPlanKeys(100), rateLimitWindowMs: 10_000 })`.
import type { CredentialSpec } from '../n8n/sandbox';
import type { KeyAccount } from '../../emulator/server';

/** Fake, public and only meaningful to the emulator. */
export const sharedPlanApiKey = 'SG_emulator_shared_plan_key';

/** The label the emulator's log shows for this key. */
export const sharedPlanLabel = 'shared-plan';

/** The emulator's keys: the shared plan alone, credits for any run, and `requestsPerWindow` if given. */
export function sharedPlanKeys(requestsPerWindow?: number): Record<string, KeyAccount> {
	const account: KeyAccount = { credits: 1_000_000, label: sharedPlanLabel };
	if (requestsPerWindow !== undefined) account.requestsPerMinute = requestsPerWindow;
	return { [sharedPlanApiKey]: account };
}

/** The credential, without an id: n8n gives it one. */
export function sharedPlanCredentialSpec(emulatorUrl: string): Omit<CredentialSpec, 'id'> {
	return {
		name: 'Segmind (shared plan)',
		type: 'segmindApi',
		data: { apiKey: sharedPlanApiKey, baseUrl: emulatorUrl },
	};
}
