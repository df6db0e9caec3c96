// POST /__emulator/balance: sets one account's balance at once, so a test can walk it down and up
// (a credits trigger crossing its threshold) without touching the other accounts.
import type { Accounts } from './accounts';
import { isJsonObject } from './body';

/** Which account (by its key, or by its log label) and the balance it gets; an unset field stays. */
export interface BalanceUpdate {
	key?: string;
	label?: string;
	credits?: number;
	freeCredits?: number;
}

/** An account's balance after an update, by its label (never its key). */
export interface BalanceState {
	label: string;
	credits: number;
	freeCredits: number;
}

const FIELDS = ['key', 'label', 'credits', 'freeCredits'];

function amount(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new Error(`${name} must be a number >= 0`);
	}
	return value;
}

/** Checks an update as it arrives over HTTP; throws a readable Error on anything invalid. */
export function checkBalanceUpdate(value: unknown): BalanceUpdate {
	if (!isJsonObject(value)) throw new Error('Send the balance as a JSON object');
	const unknown = Object.keys(value).filter((field) => !FIELDS.includes(field));
	if (unknown.length > 0) throw new Error(`balance: unknown field(s) ${unknown.join(', ')}`);
	const { key, label } = value;
	if ((key === undefined) === (label === undefined)) {
		throw new Error('Name the account with exactly one of key and label');
	}
	if (key !== undefined && typeof key !== 'string') throw new Error('key must be a string');
	if (label !== undefined && typeof label !== 'string') throw new Error('label must be a string');
	const credits = amount(value.credits, 'credits');
	const freeCredits = amount(value.freeCredits, 'freeCredits');
	if (credits === undefined && freeCredits === undefined) {
		throw new Error('Set credits, freeCredits or both');
	}
	return { key, label, credits, freeCredits } as BalanceUpdate;
}

/** Sets the account's balance until the next change, reset or new keys; throws for an unknown account. */
export function applyBalance(accounts: Accounts, update: BalanceUpdate): BalanceState {
	const account =
		update.key !== undefined ? accounts.find(update.key) : accounts.findByLabel(update.label);
	if (!account) {
		throw new Error(
			update.key !== undefined ? 'No account has that key' : `No account is labelled "${update.label}"`,
		);
	}
	account.setBalance(update.credits, update.freeCredits);
	return { label: account.label, credits: account.credits, freeCredits: account.freeCredits };
}
