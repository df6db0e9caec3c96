// Balances and rate-limit windows of the configured keys.
import { labelFor } from './keys';
import type { KeyAccount } from './types';

/** What one answer took from each bucket, so an unsent answer can give it back. */
export interface Charge {
	free: number;
	paid: number;
}

// Balances are decimals: round after each step so 0.1-sized costs do not drift.
const round = (value: number) => Math.round(value * 1e10) / 1e10;

export class Account {
	credits: number;

	freeCredits: number;

	private admitted: number[] = [];

	constructor(
		readonly label: string,
		readonly settings: KeyAccount,
	) {
		this.credits = settings.credits;
		this.freeCredits = settings.freeCredits ?? 0;
	}

	get balance(): number {
		return round(this.credits + this.freeCredits);
	}

	/** Takes `cost`, free credits first; undefined when the balance is below it. */
	charge(cost: number): Charge | undefined {
		if (this.balance < cost) return undefined;
		const free = Math.min(this.freeCredits, cost);
		const paid = round(cost - free);
		this.freeCredits = round(this.freeCredits - free);
		this.credits = round(this.credits - paid);
		return { free, paid };
	}

	/** Sets either part of the balance (an admin change; unset parts stay). */
	setBalance(credits?: number, freeCredits?: number): void {
		if (credits !== undefined) this.credits = round(credits);
		if (freeCredits !== undefined) this.freeCredits = round(freeCredits);
	}

	refund(charge: Charge): void {
		this.freeCredits = round(this.freeCredits + charge.free);
		this.credits = round(this.credits + charge.paid);
	}

	/**
	 * Sliding-window limiter over admitted requests. Returns undefined when the request is
	 * admitted, else the moment (ms epoch) the oldest request in the window leaves it.
	 */
	admit(now: number, windowMs: number): number | undefined {
		const limit = this.settings.requestsPerMinute;
		if (limit === undefined) return undefined;
		this.admitted = this.admitted.filter((at) => at > now - windowMs);
		if (this.admitted.length >= limit) return this.admitted[0] + windowMs;
		this.admitted.push(now);
		return undefined;
	}
}

export class Accounts {
	private readonly byKey = new Map<string, Account>();

	constructor(keys: Record<string, KeyAccount>) {
		Object.entries(keys).forEach(([key, settings], index) => {
			this.byKey.set(key, new Account(labelFor(key, settings, index), settings));
		});
	}

	find(key: string | undefined): Account | undefined {
		return key === undefined ? undefined : this.byKey.get(key);
	}

	findByLabel(label: string | undefined): Account | undefined {
		return [...this.byKey.values()].find((account) => account.label === label);
	}

	labels(): string[] {
		return [...this.byKey.values()].map((account) => account.label);
	}
}

/** Plain decimal text for the `x-remaining-credits` header (never exponent notation). */
export function formatCredits(value: number): string {
	return value.toFixed(10).replace(/\.?0+$/, '');
}
