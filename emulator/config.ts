// Runtime options: defaults, and checks for partial updates (they also arrive as JSON over HTTP).
import { isJsonObject } from './body';
import { defaultKeys } from './keys';
import { FAULT_KINDS, POLL_FAULT_KINDS } from './faults';
import { DEFAULT_RETIRED_MODELS } from './models';
import { DEFAULT_UPLOAD_LIMIT_BYTES, UPLOAD_FAULTS } from './uploads';
import type { FaultKind, FaultOptions, KeyAccount, RuntimeOptions } from './types';

export function defaultOptions(): RuntimeOptions {
	return {
		keys: defaultKeys(),
		latencyMs: 0,
		costPerRequest: 0.25,
		retiredModels: [...DEFAULT_RETIRED_MODELS],
		faults: null,
		rateLimitWindowMs: 60_000,
		pollFaults: null,
		resultTtlMs: 3_600_000,
		dropTools: false,
		catalogShape: 'wrapped',
		catalogFailure: null,
		uploadShape: 'urls',
		uploadFaults: [],
		uploadLimitBytes: DEFAULT_UPLOAD_LIMIT_BYTES,
		pixelflowSlowMs: 5000,
		pixelflowPollOrigin: null,
	};
}

function nonNegative(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new Error(`${name} must be a number >= 0`);
	}
	return value;
}

function onlyKnownFields(value: Record<string, unknown>, known: string[], name: string): void {
	const unknown = Object.keys(value).filter((field) => !known.includes(field));
	if (unknown.length > 0) throw new Error(`${name}: unknown field(s) ${unknown.join(', ')}`);
}

function checkAccount(value: unknown, name: string): KeyAccount {
	if (!isJsonObject(value)) throw new Error(`${name} must be an object`);
	onlyKnownFields(
		value,
		['credits', 'freeCredits', 'requestsPerMinute', 'noBalanceRecord', 'label'],
		name,
	);
	nonNegative(value.credits, `${name}.credits`);
	if (value.freeCredits !== undefined) nonNegative(value.freeCredits, `${name}.freeCredits`);
	const rpm = value.requestsPerMinute;
	if (rpm !== undefined && !(Number.isInteger(rpm) && (rpm as number) > 0)) {
		throw new Error(`${name}.requestsPerMinute must be a positive integer`);
	}
	if (value.noBalanceRecord !== undefined && typeof value.noBalanceRecord !== 'boolean') {
		throw new Error(`${name}.noBalanceRecord must be a boolean`);
	}
	if (value.label !== undefined && typeof value.label !== 'string') {
		throw new Error(`${name}.label must be a string`);
	}
	return value as unknown as KeyAccount;
}

function checkFaults(
	value: unknown,
	name = 'faults',
	allowed: FaultKind[] = FAULT_KINDS,
): FaultOptions | null {
	if (value === null) return null;
	if (!isJsonObject(value)) throw new Error(`${name} must be an object or null`);
	onlyKnownFields(value, ['rate', 'kinds', 'seed', 'slowMs'], name);
	const { rate, kinds, seed, slowMs } = value;
	if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
		throw new Error(`${name}.rate must be between 0 and 1`);
	if (!Array.isArray(kinds) || kinds.some((kind) => !allowed.includes(kind))) {
		throw new Error(`${name}.kinds must be an array of ${allowed.join(', ')}`);
	}
	if (rate > 0 && kinds.length === 0)
		throw new Error(`${name}.kinds must not be empty when ${name}.rate > 0`);
	if (seed !== undefined && !Number.isInteger(seed))
		throw new Error(`${name}.seed must be an integer`);
	if (slowMs !== undefined) nonNegative(slowMs, `${name}.slowMs`);
	return value as unknown as FaultOptions;
}

/** Applies a partial update to `current`; throws a readable Error on anything invalid. */
export function mergeOptions(current: RuntimeOptions, update: unknown): RuntimeOptions {
	if (!isJsonObject(update)) throw new Error('options must be a JSON object');
	const next = { ...current };
	onlyKnownFields(update, Object.keys(current), 'options');
	if (update.keys !== undefined) {
		if (!isJsonObject(update.keys)) throw new Error('keys must be an object of API key to account');
		next.keys = Object.fromEntries(
			Object.entries(update.keys).map(([key, account], index) => [
				key,
				checkAccount(account, `keys[${index}]`),
			]),
		);
	}
	if (update.latencyMs !== undefined) next.latencyMs = nonNegative(update.latencyMs, 'latencyMs');
	if (update.costPerRequest !== undefined) {
		next.costPerRequest = nonNegative(update.costPerRequest, 'costPerRequest');
	}
	if (update.retiredModels !== undefined) {
		const retired = update.retiredModels;
		if (!Array.isArray(retired) || retired.some((slug) => typeof slug !== 'string')) {
			throw new Error('retiredModels must be an array of model slugs');
		}
		next.retiredModels = retired as string[];
	}
	if (update.faults !== undefined) next.faults = checkFaults(update.faults);
	if (update.rateLimitWindowMs !== undefined) {
		const windowMs = nonNegative(update.rateLimitWindowMs, 'rateLimitWindowMs');
		if (windowMs === 0) throw new Error('rateLimitWindowMs must be > 0');
		next.rateLimitWindowMs = windowMs;
	}
	if (update.pollFaults !== undefined) {
		next.pollFaults = checkFaults(update.pollFaults, 'pollFaults', POLL_FAULT_KINDS);
	}
	if (update.resultTtlMs !== undefined) {
		next.resultTtlMs = nonNegative(update.resultTtlMs, 'resultTtlMs');
	}
	if (update.dropTools !== undefined) {
		if (typeof update.dropTools !== 'boolean') throw new Error('dropTools must be a boolean');
		next.dropTools = update.dropTools;
	}
	checkCatalogAndUploads(update, next);
	if (update.pixelflowSlowMs !== undefined) {
		next.pixelflowSlowMs = nonNegative(update.pixelflowSlowMs, 'pixelflowSlowMs');
	}
	if (update.pixelflowPollOrigin !== undefined) {
		const origin = update.pixelflowPollOrigin;
		if (origin !== null && (typeof origin !== 'string' || !/^https?:\/\/[^/\s]+$/.test(origin))) {
			throw new Error('pixelflowPollOrigin must be null or an origin such as https://poll.example');
		}
		next.pixelflowPollOrigin = origin;
	}
	return next;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
	if (!allowed.includes(value as T))
		throw new Error(`${name} must be one of ${allowed.join(', ')}`);
	return value as T;
}

/** The catalogue's and the storage upload's switches. */
function checkCatalogAndUploads(update: Record<string, unknown>, next: RuntimeOptions): void {
	if (update.catalogShape !== undefined) {
		next.catalogShape = oneOf(update.catalogShape, ['wrapped', 'array', 'unknown'], 'catalogShape');
	}
	const failure = update.catalogFailure;
	if (failure !== undefined) {
		const isStatus =
			Number.isInteger(failure) && (failure as number) >= 400 && (failure as number) <= 599;
		if (failure !== null && !isStatus && failure !== 'reset' && failure !== 'hang') {
			throw new Error('catalogFailure must be null, a status from 400 to 599, "reset" or "hang"');
		}
		next.catalogFailure = failure as RuntimeOptions['catalogFailure'];
	}
	if (update.uploadShape !== undefined) {
		next.uploadShape = oneOf(update.uploadShape, ['urls', 'file_urls', 'none'], 'uploadShape');
	}
	const faults = update.uploadFaults;
	if (faults !== undefined) {
		if (!Array.isArray(faults)) throw new Error('uploadFaults must be an array');
		next.uploadFaults = faults.map((fault, index) =>
			oneOf(fault, UPLOAD_FAULTS, `uploadFaults[${index}]`),
		);
	}
	if (update.uploadLimitBytes !== undefined) {
		next.uploadLimitBytes = nonNegative(update.uploadLimitBytes, 'uploadLimitBytes');
	}
}
