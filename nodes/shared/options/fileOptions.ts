import type { INodeProperties } from 'n8n-workflow';

import { BadInput } from '../badInput';
import type { DownloadFrom } from '../client';

// The options of every operation whose answer may name output files: whether and from where
// they are downloaded, where they are put, and how large they may be.

export const downloadOutputsOption: INodeProperties = {
	displayName: 'Download Output Files',
	name: 'downloadOutputs',
	type: 'boolean',
	default: true,
	description:
		"Whether to download each output file the answer names into the item's binary data. Files the answer carries itself (data: URIs, base64) are always kept.",
};

export const downloadFromOption: INodeProperties = {
	displayName: 'Download From',
	name: 'downloadFrom',
	type: 'options',
	options: [
		{
			name: "Segmind's Hosts Only",
			value: 'segmind',
			description: 'Segmind.com and its subdomains, and the host of the base URL',
		},
		{
			name: 'Any HTTPS Host',
			value: 'any',
			description: 'Any host the answer names, over https:// only',
		},
	],
	default: 'segmind',
	description:
		'Which hosts output files may be downloaded from, redirects included. Downloads never carry the API key.',
};

export const binaryPropertyOutputOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	hint: 'The first file goes in this binary field, the next ones in the same name with _1, _2... added',
	description: 'The name of the binary field the first output file is put in',
};

export const maxFileSizeOption: INodeProperties = {
	displayName: 'Max File Size',
	name: 'maxFileSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 256,
	description:
		'The largest file to keep or send, in MiB: a larger output file fails the item with status download_failed, a larger input file is bad input. n8n 1.x keeps binary data in memory, which breaks near 384 MiB.',
};

/** The file options, for operations that output files. */
export const fileOptions: INodeProperties[] = [
	binaryPropertyOutputOption,
	downloadFromOption,
	downloadOutputsOption,
	maxFileSizeOption,
];

/** How an item's output files are kept. */
export interface FileSettings {
	downloadOutputs: boolean;
	downloadFrom: DownloadFrom;
	/** The first stored file's binary property; the next ones add `_1`, `_2`... */
	binaryPropertyOutput: string;
	maxFileSizeMiB: number;
}

/** The Max File Size option's value in MiB: its default for anything that is not a positive number. */
export const maxFileSizeMiB = (value: unknown): number =>
	typeof value === 'number' && Number.isFinite(value) && value > 0
		? value
		: (maxFileSizeOption.default as number);

/**
 * The file settings from an Options collection's values (an unset option takes its default).
 * An empty `binaryPropertyOutput` is bad input (BadInput is thrown): nothing is sent for the item.
 */
export function readFileSettings(values: Partial<Record<string, unknown>>): FileSettings {
	const property =
		values.binaryPropertyOutput === undefined
			? binaryPropertyOutputOption.default
			: values.binaryPropertyOutput;
	const name = typeof property === 'string' ? property.trim() : '';
	if (name === '') {
		throw new BadInput('binaryPropertyOutput: the name of the output file field must not be empty');
	}
	return {
		downloadOutputs: values.downloadOutputs !== false,
		downloadFrom: values.downloadFrom === 'any' ? 'any' : 'segmind',
		binaryPropertyOutput: name,
		maxFileSizeMiB: maxFileSizeMiB(values.maxFileSize),
	};
}
