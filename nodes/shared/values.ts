import type { IDataObject } from 'n8n-workflow';

import { BadInput } from './badInput';

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

/** JSON text parsed, or undefined when it is not JSON (callers word their own error). */
export function parseJsonText(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return undefined;
	}
}

/**
 * A json-typed option that must hold a JSON object (n8n hands such a parameter over as text);
 * undefined when unset or blank.
 */
export function parseJsonObjectOption(value: unknown, name: string): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		const json = parseJsonText(value);
		if (!json) throw new BadInput(`${name} must be a JSON object, and this is not valid JSON`);
		parsed = json.value;
	}
	if (!isObject(parsed)) throw new BadInput(`${name} must be a JSON object, not ${kindOf(parsed)}`);
	return parsed;
}

/** A Segmind model slug as given, trimmed; empty is bad input naming `model`. */
export function checkSlug(value: unknown): string {
	const slug = typeof value === 'string' ? value.trim() : '';
	if (slug === '') throw new BadInput('model is empty: name a Segmind model slug such as gpt-4o');
	return slug;
}
