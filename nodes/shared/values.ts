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

const JSON_KINDS = { array: Array.isArray, object: isObject };

/**
 * A json-typed value that must hold a JSON object or array: JSON text of it (n8n hands such a
 * parameter over as text), or already one (an expression's result); undefined when unset or blank.
 */
export function parseJsonOfKind(
	value: unknown,
	name: string,
	kind: keyof typeof JSON_KINDS,
): unknown {
	if (value === undefined || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		const json = parseJsonText(value);
		if (!json) throw new BadInput(`${name} must be a JSON ${kind}, and this is not valid JSON`);
		parsed = json.value;
	}
	if (!JSON_KINDS[kind](parsed)) {
		throw new BadInput(`${name} must be a JSON ${kind}, not ${kindOf(parsed)}`);
	}
	return parsed;
}

/** A json-typed option that must hold a JSON object; undefined when unset or blank. */
export const parseJsonObjectOption = (value: unknown, name: string): IDataObject | undefined =>
	parseJsonOfKind(value, name, 'object') as IDataObject | undefined;

/** A Segmind model slug as given, trimmed; empty is bad input naming `model`. */
export function checkSlug(value: unknown): string {
	const slug = typeof value === 'string' ? value.trim() : '';
	if (slug === '') throw new BadInput('model is empty: name a Segmind model slug such as gpt-4o');
	return slug;
}
