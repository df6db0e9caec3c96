import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { maxFileSizeMiB } from '../options';
import { describeValue } from '../values';
import { SEND_AS, type SendAs } from './field';
import { binaryPropertyNames, checkInputFile, mibToBytes, type InputFile } from './files';

/** One Input Files row, checked: the parameter it sets and its files, not read yet. */
export interface InputRow {
	parameter: string;
	sendAs: SendAs;
	files: InputFile[];
}

/** An item's Input Files, checked in `prepare`; `applyBinaryInputs` reads and places them in `send`. */
export interface BinaryInputs {
	rows: InputRow[];
	/** maxFileSize in bytes. */
	limitBytes?: number;
}

interface RowValues {
	parameter?: unknown;
	binaryPropertyName?: unknown;
	sendAs?: unknown;
}

function readRow(
	row: RowValues,
	index: number,
	item: INodeExecutionData,
	itemIndex: number,
	limitBytes: number | undefined,
): InputRow {
	const where = `binaryInputs[${index}]`;
	const parameter =
		typeof row.parameter === 'string' || typeof row.parameter === 'number'
			? String(row.parameter).trim()
			: '';
	if (parameter === '') {
		throw new BadInput(
			`${where}.parameter is empty: name the body parameter the file goes into (for example image)`,
		);
	}
	const sendAs = row.sendAs ?? 'upload';
	if (!SEND_AS.includes(sendAs as SendAs)) {
		throw new BadInput(
			`${where}.sendAs must be ${SEND_AS.join(', ')}, not ${describeValue(sendAs)}`,
		);
	}
	const field = `${where}.binaryPropertyName`;
	const files = binaryPropertyNames(row.binaryPropertyName ?? 'data', field).map((property) =>
		checkInputFile(item, itemIndex, property, field, limitBytes),
	);
	return { parameter, sendAs: sendAs as SendAs, files };
}

/**
 * Reads and checks an item's Input Files rows (parameter `binaryInputs`) from their metadata, for
 * an operation's `prepare`: nothing is read from the files yet. Bad input (an empty parameter, a
 * binary property the item lacks, a file over `maxFileSize` MiB) throws BadInput naming the row's
 * field, e.g. `binaryInputs[1].binaryPropertyName: the item has no binary property "photo"`.
 */
export function readBinaryInputs(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	maxFileSize: unknown,
): BinaryInputs {
	const values = context.getNodeParameter('binaryInputs.values', itemIndex, []) as unknown;
	const rows = Array.isArray(values) ? (values as RowValues[]) : [];
	const limitBytes = mibToBytes(maxFileSizeMiB(maxFileSize));
	return {
		rows: rows.map((row, index) => readRow(row ?? {}, index, item, itemIndex, limitBytes)),
		limitBytes,
	};
}
