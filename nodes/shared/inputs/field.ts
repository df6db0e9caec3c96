import type { INodeProperties } from 'n8n-workflow';

/** How a file goes into the body: a URL of Segmind's storage, a data: URI, or bare base64. */
export type SendAs = 'upload' | 'dataUri' | 'base64';

export const SEND_AS: SendAs[] = ['upload', 'dataUri', 'base64'];

/**
 * The Input Files parameter of Run a Model and Run a PixelFlow: rows that each put files from the
 * item's binary data into one top-level body parameter.
 */
export const binaryInputsField: INodeProperties = {
	displayName: 'Input Files',
	name: 'binaryInputs',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Input File',
	default: {},
	description:
		"Files from the input item's binary data, each put into a body parameter. Several fields (comma-separated) or several rows with the same parameter give an array, in order.",
	options: [
		{
			displayName: 'Input File',
			name: 'values',
			values: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					type: 'string',
					default: '',
					placeholder: 'e.g. image',
					description:
						'The top-level body parameter that gets the file, as the model names it (for example image, image_url, input_image). It replaces a value of the same name in the body.',
				},
				{
					displayName: 'Input Binary Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					placeholder: 'e.g. data',
					hint: 'The name of the input binary field holding the file, not the file itself',
					description:
						'Comma-separated for several files in one parameter (for example data, mask). A file typed as base64 text belongs in the body, not here.',
				},
				{
					displayName: 'Send As',
					name: 'sendAs',
					type: 'options',
					options: [
						{
							name: 'Base64',
							value: 'base64',
							description: "The file's bare base64, for parameters that ask for base64",
						},
						{
							name: 'Data URI',
							value: 'dataUri',
							description:
								'A data: URI with the file in base64 (data:image/png;base64,...), for parameters that take base64 or a URL',
						},
						{
							name: 'Upload to Segmind Storage',
							value: 'upload',
							description:
								"Upload the file to Segmind's storage and send its URL, for URL parameters (anyone with the URL can read the file)",
						},
					],
					default: 'upload',
					description: 'How the file goes into the body',
				},
			],
		},
	],
};
