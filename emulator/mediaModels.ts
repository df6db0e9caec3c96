// The generative media models the emulator knows (image, video, audio, text), what each reads
// and what each answers. Outputs depend on the prompt and seed only, so tests can predict them.
import { createHash } from 'node:crypto';
import type { FileContent } from './files';
import { fixture } from './fixtures';
import type { InputImage } from './mediaInputs';
import { hashedPicture } from './png';

export const MEDIA_SLUGS = {
	/** Text to image: a PNG body (v1); `width`, `height` (16..1024, default 64), `seed`. */
	png: 'flux-schnell',
	/** Text to image: a JPEG body; `base64: true` answers `{"image": "<base64 JPEG>"}`. */
	jpeg: 'sdxl1.0-txt2img',
	/** Text to image: a PNG body; `base64: true` answers `{"image": "<bare base64 PNG>"}`. */
	base64: 'sd1.5-txt2img',
	/** Text to image, several files: `num_images` (1..4, default 2) listed in `images`. */
	severalFiles: 'flux-dev',
	/** Text to image answered as JSON `{"image": "data:image/png;base64,..."}`. */
	dataUri: 'recraft-v3',
	/** Text to video: an MP4 body. */
	video: 'kling-2.1-text2video',
	/** Text to speech: an MP3 body (audio/mpeg). */
	audio: 'parler-tts',
	/** JSON without files: `{"enhanced_prompt": "..."}`. */
	json: 'prompt-enhancer',
	/** A text/plain answer. */
	text: 'magic-prompt',
	/** Image to image: `image` (URL, data: URI or base64); a PNG body. */
	imageToImage: 'sd1.5-img2img',
	/** Image to video: `image` or `first_frame_url`; an MP4 body. */
	imageToVideo: 'kling-image2video',
	/** Several input images: `reference_images` (an array of 1..4); a PNG body. */
	referenceImages: 'seedream-4-edit',
} as const;

export type MediaOutput =
	/** One file: the v1 body, the v2 `output` URL. */
	| { type: 'file'; file: FileContent }
	/** Files listed as `images: [{url, content_type, file_name, file_size}]`. */
	| { type: 'files'; files: FileContent[]; extra: Record<string, unknown> }
	/** A JSON answer (v1), a JSON string in `output` (v2). */
	| { type: 'json'; value: Record<string, unknown> }
	/** A text/plain answer (v1), the text itself in `output` (v2). */
	| { type: 'text'; text: string };

export interface MediaRun {
	slug: string;
	prompt: string;
	params: Record<string, unknown>;
	/** The decoded input images, in parameter order. */
	images: InputImage[];
}

export interface ImageInputs {
	/** The parameters read; the first one present is used (or the one array parameter). */
	params: string[];
	/** The parameter holds an array of images (1..max). */
	array?: { max: number };
}

export interface MediaModel {
	imageInputs?: ImageInputs;
	/** Checks of the model's own parameters: the 400 error text, or undefined. */
	check?(params: Record<string, unknown>): string | undefined;
	produce(run: MediaRun): MediaOutput;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const pngFile = (body: Buffer): FileContent => ({ contentType: 'image/png', ext: 'png', body });

/** The picture for a run: from the slug, prompt, seed and input images. */
const pictureOf = (run: MediaRun, width = 64, height = 64, extra = '') =>
	hashedPicture(
		[
			run.slug,
			run.prompt,
			String(run.params.seed ?? ''),
			...run.images.map((image) => sha(image.bytes)),
			extra,
		].join('|'),
		width,
		height,
	);

/** The JPEG fixture with a comment segment naming the prompt's hash: a valid JPEG per prompt. */
function jpegFor(run: MediaRun): Buffer {
	const photo = fixture('jpeg');
	const comment = Buffer.from(
		`segmind-emulator ${sha(`${run.prompt}|${run.params.seed ?? ''}`)}`,
		'latin1',
	);
	const marker = Buffer.alloc(4);
	marker.writeUInt16BE(0xfffe, 0);
	marker.writeUInt16BE(comment.length + 2, 2);
	return Buffer.concat([photo.subarray(0, 2), marker, comment, photo.subarray(2)]);
}

const isWhole = (value: unknown, min: number, max: number) =>
	Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

function checkSize(params: Record<string, unknown>): string | undefined {
	for (const name of ['width', 'height']) {
		if (params[name] !== undefined && !isWhole(params[name], 16, 1024)) {
			return `"${name}" must be a whole number from 16 to 1024`;
		}
	}
	return undefined;
}

function checkBase64(params: Record<string, unknown>): string | undefined {
	if (params.base64 !== undefined && typeof params.base64 !== 'boolean') {
		return '"base64" must be a boolean';
	}
	return undefined;
}

const asBase64 = (run: MediaRun, body: Buffer, contentType: string): MediaOutput =>
	run.params.base64 === true
		? { type: 'json', value: { image: body.toString('base64') } }
		: {
				type: 'file',
				file: { contentType, ext: contentType === 'image/png' ? 'png' : 'jpeg', body },
			};

const videoFile = (): FileContent => ({
	contentType: 'video/mp4',
	ext: 'mp4',
	body: fixture('mp4'),
});

export const MEDIA_MODELS: Record<string, MediaModel> = {
	[MEDIA_SLUGS.png]: {
		check: checkSize,
		produce: (run) => ({
			type: 'file',
			file: pngFile(
				pictureOf(
					run,
					run.params.width as number | undefined,
					run.params.height as number | undefined,
				),
			),
		}),
	},
	[MEDIA_SLUGS.jpeg]: {
		check: checkBase64,
		produce: (run) => asBase64(run, jpegFor(run), 'image/jpeg'),
	},
	[MEDIA_SLUGS.base64]: {
		check: checkBase64,
		produce: (run) => asBase64(run, pictureOf(run), 'image/png'),
	},
	[MEDIA_SLUGS.severalFiles]: {
		check: (params) =>
			params.num_images !== undefined && !isWhole(params.num_images, 1, 4)
				? '"num_images" must be a whole number from 1 to 4'
				: undefined,
		produce: (run) => {
			const count = (run.params.num_images as number | undefined) ?? 2;
			const files = Array.from({ length: count }, (_, index) =>
				pngFile(pictureOf(run, 64, 64, String(index))),
			);
			return { type: 'files', files, extra: { seed: run.params.seed ?? 42 } };
		},
	},
	[MEDIA_SLUGS.dataUri]: {
		produce: (run) => ({
			type: 'json',
			value: { image: `data:image/png;base64,${pictureOf(run).toString('base64')}` },
		}),
	},
	[MEDIA_SLUGS.video]: {
		produce: () => ({ type: 'file', file: videoFile() }),
	},
	[MEDIA_SLUGS.audio]: {
		produce: () => ({
			type: 'file',
			file: { contentType: 'audio/mpeg', ext: 'mp3', body: fixture('mp3') },
		}),
	},
	[MEDIA_SLUGS.json]: {
		produce: (run) => ({
			type: 'json',
			value: { enhanced_prompt: `${run.prompt}, highly detailed, soft light, 35mm photograph` },
		}),
	},
	[MEDIA_SLUGS.text]: {
		produce: (run) => ({
			type: 'text',
			text: `${run.prompt}, trending on artstation, sharp focus`,
		}),
	},
	[MEDIA_SLUGS.imageToImage]: {
		imageInputs: { params: ['image'] },
		produce: (run) => ({ type: 'file', file: pngFile(pictureOf(run)) }),
	},
	[MEDIA_SLUGS.imageToVideo]: {
		imageInputs: { params: ['image', 'first_frame_url'] },
		produce: () => ({ type: 'file', file: videoFile() }),
	},
	[MEDIA_SLUGS.referenceImages]: {
		imageInputs: { params: ['reference_images'], array: { max: 4 } },
		produce: (run) => ({ type: 'file', file: pngFile(pictureOf(run)) }),
	},
};

export function mediaModelOf(slug: string): MediaModel | undefined {
	return Object.prototype.hasOwnProperty.call(MEDIA_MODELS, slug) ? MEDIA_MODELS[slug] : undefined;
}
