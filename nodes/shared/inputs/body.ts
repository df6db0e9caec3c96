import type { IDataObject } from 'n8n-workflow';

/** The values one Input Files row puts into its parameter: one per file, in order. */
export interface Placement {
	parameter: string;
	values: string[];
}

/**
 * The body with each row's files in its parameter (a top-level field), the body left as it was.
 * Several files for one parameter, from a comma-separated field or from several rows, give an
 * array in row order; so does one file for a parameter the body already has as an array. A row
 * replaces a value of the same name in the body (its position in the body is kept).
 */
export function placeInputValues(body: IDataObject, placements: Placement[]): IDataObject {
	const byParameter = new Map<string, string[]>();
	for (const { parameter, values } of placements) {
		byParameter.set(parameter, [...(byParameter.get(parameter) ?? []), ...values]);
	}
	const placed: IDataObject = { ...body };
	for (const [parameter, values] of byParameter) {
		const asArray = values.length > 1 || Array.isArray(body[parameter]);
		placed[parameter] = asArray ? values : values[0];
	}
	return placed;
}
