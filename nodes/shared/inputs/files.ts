import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { attemptAsync, BadInput } from '../badInput';
import { describeValue } from '../values';
import { inputMimeType } from './mimeType';

const MiB = 1024 * 1024;

/** A file of the item's binary data, checked by its metadata; its bytes are read only as it goes. */
export interface InputFile {
	itemIndex: number;
	/** The binary property it is in. */
	property: string;
	mimeType: string;
	/** The field errors about it name, e.g. `binaryInputs[1].binaryPropertyName` or `binaryPropertyName`. */
	field: string;
}

export const mebibytes = (bytes: number) => `${Number((bytes / MiB).toFixed(1))} MiB`;

/** A size limit in MiB as bytes. */
export const mibToBytes = (mib: number): number => Math.floor(mib * MiB);

// Sizes under a tenth of a MiB would round to 0 MiB.
const sizeText = (bytes: number) => (bytes < MiB / 10 ? `${bytes} bytes` : mebibytes(bytes));

function tooLarge(file: InputFile, bytes: number, limitBytes: number): BadInput {
	const limit = sizeText(limitBytes);
	// Just over the limit rounds to the limit: the bytes tell them apart.
	const size = sizeText(bytes) === limit ? `${bytes} bytes` : sizeText(bytes);
	return new BadInput(
		`${file.field}: binary property "${file.property}" is ${size}, more than maxFileSize (${limit})`,
	);
}

/**
 * The binary property names a field lists, comma-separated, spaces ignored: at least one. A value
 * that is not text (a binary object an expression picked) is bad input naming the field.
 */
export function binaryPropertyNames(value: unknown, field: string): string[] {
	if (typeof value !== 'string') {
		throw new BadInput(
			`${field} must be the name of a binary field (for example data), not ${describeValue(value)}`,
		);
	}
	const names = value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (names.length === 0) {
		throw new BadInput(
			`${field} is empty: name the input binary field that holds the file (for example data)`,
		);
	}
	return names;
}

/** The size the metadata tells without reading the data: n8n's `bytes`, else in-memory base64. */
export function knownSize(binary: IBinaryData): number | undefined {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id || typeof binary.data !== 'string') return undefined;
	const base64 = binary.data.replace(/=+$/, '');
	return Math.floor((base64.length * 3) / 4);
}

// What users type into a binary field box when they have the file as text.
const looksLikeFileContents = (name: string) =>
	name.startsWith('data:') || (name.length >= 64 && /^[A-Za-z0-9+/=\s]+$/.test(name));

const shown = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);

/** Why the item has no such property, and what it has instead. */
function missingProperty(item: INodeExecutionData, name: string, field: string): BadInput {
	const present = Object.keys(item.binary ?? {});
	const has = present.length
		? `it has ${present.map((property) => `"${property}"`).join(', ')}`
		: 'it has no binary data: a node in between, such as a Code node that returns new items, may have dropped it';
	const hint = looksLikeFileContents(name)
		? '; this field takes the name of a binary field, not the file itself: base64 text you already have goes in the body'
		: '';
	return new BadInput(`${field}: the item has no binary property "${shown(name)}" (${has}${hint})`);
}

// What n8n writes in `data` when the bytes are in a store: the file is then found by its `id`.
const STORE_NAMES = new Set(['filesystem', 'filesystem-v2', 's3', 'azure', 'database']);

/**
 * A binary whose bytes were in one of n8n's stores but whose id is gone, as when a Code node
 * copies binary fields by hand: reading it would send the store's name as the file.
 */
const lostFile = (binary: IBinaryData) =>
	!binary.id && typeof binary.data === 'string' && STORE_NAMES.has(binary.data);

/** Checks one binary property of an item: present, and within `limitBytes` by its metadata. */
export function checkInputFile(
	item: INodeExecutionData,
	itemIndex: number,
	property: string,
	field: string,
	limitBytes?: number,
): InputFile {
	const binary = item.binary?.[property];
	if (!binary) throw missingProperty(item, property, field);
	if (lostFile(binary)) {
		throw new BadInput(
			`${field}: binary property "${property}" has lost its file: it names n8n's "${binary.data}" store but has no file id, as when a Code node copies binary fields by hand (pass the binary object on whole)`,
		);
	}
	const file = { itemIndex, property, mimeType: inputMimeType(binary), field };
	const size = knownSize(binary);
	if (limitBytes !== undefined && size !== undefined && size > limitBytes) {
		throw tooLarge(file, size, limitBytes);
	}
	return file;
}

/**
 * A file's bytes as base64, read once through n8n's binary helpers, whatever the binary-data mode
 * (memory, filesystem, database, S3). The bytes are encoded once: never base64 of base64.
 */
export async function readFileBase64(
	context: IExecuteFunctions,
	file: InputFile,
	limitBytes?: number,
): Promise<string> {
	const read = await attemptAsync(
		async () => await context.helpers.getBinaryDataBuffer(file.itemIndex, file.property),
	);
	if ('failure' in read) {
		throw new BadInput(
			`${file.field}: binary property "${file.property}" could not be read: ${read.failure}`,
		);
	}
	if (limitBytes !== undefined && read.value.length > limitBytes) {
		throw tooLarge(file, read.value.length, limitBytes);
	}
	return read.value.toString('base64');
}

/** A file as a data: URI. */
export const dataUriOf = (mimeType: string, base64: string) => `data:${mimeType};base64,${base64}`;
