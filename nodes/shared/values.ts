import type { IDataObject } from 'n8n-workflow';

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const numberOrNull = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

/** What kind of value this is, for an error message: `null`, `an array`, `an object`, `number`... */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	return typeof value;
}

/** A value as an error message shows it: `"text"`, `an array`, `number 3`... */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (typeof value === 'object' || value === undefined) return kindOf(value);
	return `${typeof value} ${String(value)}`;
}

/** The first element of an array; undefined for anything else. */
export const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : undefined);
