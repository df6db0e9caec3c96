// Well-known API keys: fake, public and only meaningful to the emulator.
import type { KeyAccount } from './types';

export const DEMO_API_KEY = 'SG_emulator_demo_key';
export const NO_CREDITS_API_KEY = 'SG_emulator_no_credits_key';
export const NO_BALANCE_API_KEY = 'SG_emulator_no_balance_key';
export const FREE_PLAN_API_KEY = 'SG_emulator_free_plan_key';

/** Log labels of the well-known keys, whatever accounts they are configured with. */
const WELL_KNOWN_LABELS: Record<string, string> = {
	[DEMO_API_KEY]: 'demo',
	[NO_CREDITS_API_KEY]: 'no-credits',
	[NO_BALANCE_API_KEY]: 'no-balance',
	[FREE_PLAN_API_KEY]: 'free-plan',
};

export function defaultKeys(): Record<string, KeyAccount> {
	return {
		[DEMO_API_KEY]: { credits: 1000, freeCredits: 0.5 },
		[NO_CREDITS_API_KEY]: { credits: 0, freeCredits: 0 },
		[NO_BALANCE_API_KEY]: { credits: 10, noBalanceRecord: true },
		// Segmind's free plan: free credits only and 5 requests a minute.
		[FREE_PLAN_API_KEY]: { credits: 0, freeCredits: 10, requestsPerMinute: 5 },
	};
}

export function labelFor(key: string, account: KeyAccount, index: number): string {
	return account.label ?? WELL_KNOWN_LABELS[key] ?? `key-${index + 1}`;
}
