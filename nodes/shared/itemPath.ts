import type { IDataObject } from 'n8n-workflow';

/** The value at a dot path such as "message.text". */
export function readPath(data: IDataObject, path: string): unknown {
	let value: unknown = data;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}
