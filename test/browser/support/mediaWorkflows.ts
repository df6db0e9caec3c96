// Two small workflows with the Segmind node's Run a Model, imported beside the examples for the
// editor test: three images from three prompts (flux-schnell), and a video from a picture
// (kling-image2video). Both wait on one request (v1), whose answer is the file itself.
import * as fs from 'fs';
import * as path from 'path';

import { png, type Rgb } from '../../../emulator/png';
import { credentialId } from '../../../scripts/stack/backend';
import { examplesDir } from '../../../scripts/stack/examples';
import type { WorkflowJson } from '../../../scripts/n8n/sandbox';

export const manualTrigger = "When clicking 'Execute workflow'";
export const imagesNode = 'Generate the images';
export const videoNode = 'Animate the picture';
export const imageModel = { slug: 'flux-schnell', title: 'Flux.1 Schnell' };
export const videoModel = { slug: 'kling-image2video', title: 'Kling Image to Video' };

const credentials = { segmindApi: { id: credentialId, name: 'Segmind (local emulator)' } };

const trigger = {
	id: '0c1f7a52-7d1e-4b0a-9f3e-1a2b3c4d5e01',
	name: manualTrigger,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const runModel = (
	id: string,
	name: string,
	model: { slug: string; title: string },
	body: string,
) => ({
	id,
	name,
	type: 'n8n-nodes-segmind.segmind',
	typeVersion: 1,
	position: [480, 0],
	parameters: {
		resource: 'model',
		operation: 'run',
		model: {
			__rl: true,
			mode: 'list',
			value: model.slug,
			cachedResultName: `${model.title} (${model.slug})`,
		},
		parametersMode: 'json',
		parametersJson: body,
		options: { requestMode: 'sync' },
	},
	credentials,
});

const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, at) => [name, { main: [[{ node: names[at + 1], type: 'main', index: 0 }]] }]),
	);

const workflow = (id: string, name: string, nodes: unknown[], order: string[]): WorkflowJson => ({
	id,
	name,
	nodes,
	connections: chain(...order),
	active: false,
	settings: { executionOrder: 'v1' },
	pinData: {},
});

const prompts = 'The prompts';

export const imagesWorkflow = workflow(
	'segmindBrowserImages',
	'Segmind node: images from a list of prompts',
	[
		trigger,
		{
			id: '0c1f7a52-7d1e-4b0a-9f3e-1a2b3c4d5e02',
			name: prompts,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [240, 0],
			parameters: {
				jsCode: [
					"return ['a lighthouse at dawn', 'a red fox in snow', 'a bowl of ramen']",
					'\t.map((prompt) => ({ json: { prompt } }));',
				].join('\n'),
			},
		},
		runModel(
			'0c1f7a52-7d1e-4b0a-9f3e-1a2b3c4d5e03',
			imagesNode,
			imageModel,
			'={{ JSON.stringify({ prompt: $json.prompt, width: 512, height: 512, seed: 7 }) }}',
		),
	],
	[manualTrigger, prompts, imagesNode],
);

/** A 64 x 64 picture to animate: a yellow sun over a green hill on blue. */
function landscape(x: number, y: number): Rgb {
	if ((x - 44) ** 2 + (y - 18) ** 2 < 64) return [250, 210, 60];
	if (y > 44 - 8 * Math.sin(x / 12)) return [60, 160, 70];
	return [90, 150, 220];
}

const picture = `data:image/png;base64,${png(64, 64, landscape).toString('base64')}`;

export const videoWorkflow = workflow(
	'segmindBrowserVideo',
	'Segmind node: a picture to a video',
	[
		trigger,
		{
			...runModel(
				'0c1f7a52-7d1e-4b0a-9f3e-1a2b3c4d5e04',
				videoNode,
				videoModel,
				JSON.stringify({ image: picture, prompt: 'the sun sets behind the hill', duration: 5 }),
			),
			position: [240, 0],
		},
	],
	[manualTrigger, videoNode],
);

/** A folder with the examples and these workflows, for startDemoStack's examplesDir. */
export function examplesWithMediaWorkflows(folder: string): string {
	fs.mkdirSync(folder, { recursive: true });
	for (const name of fs.readdirSync(examplesDir).filter((file) => file.endsWith('.json')))
		fs.copyFileSync(path.join(examplesDir, name), path.join(folder, name));
	for (const shown of [imagesWorkflow, videoWorkflow])
		fs.writeFileSync(path.join(folder, `${shown.id}.json`), JSON.stringify(shown, null, '\t'));
	return folder;
}
