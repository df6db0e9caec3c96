import type { IDataObject } from 'n8n-workflow';

import { BadInput } from './badInput';
import { isObject, kindOf } from './values';

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
