// The model catalogue the emulator answers at GET /inference-model-information/list: the media
// slugs it serves (every media entry has the `prompt` those models require), a few chat slugs, a
// deprecated entry and one entry with every parameter kind.
// Field names follow what public client code reports, misspellings included (`is_depreciated`,
// `imageTOImage`). Parameter values follow the models' pages; thumbnails are placeholders.

/** One parameter of a model; fields that do not apply to it are left out. */
export interface CatalogParameter {
	isRequired?: boolean;
	default?: unknown;
	min?: number;
	max?: number;
	step?: number;
	options?: unknown[];
	displayOrder?: number;
	component?: string;
	hidden?: boolean;
}

export interface CatalogEntry {
	slug: string;
	title: string;
	/** e.g. textToImage, imageTOImage (sic), textToVideo, imageToVideo, textToAudio, llm. */
	type: string;
	/** Segmind's spelling. */
	is_depreciated: boolean;
	thumbnail_image: string | null;
	parameters: Record<string, CatalogParameter>;
}

/** The key `?segmind_model=True` answers wrap the list in. */
export const CATALOG_LIST_KEY = 'Inference Segmind Model Information List With Details';

export const CATALOG_PATH = '/inference-model-information/list';

/** The entry marked deprecated (`is_depreciated: true`). */
export const DEPRECATED_CATALOG_SLUG = 'sd2.1-txt2img';

/**
 * The entry whose parameters cover every kind a client must map: strings (one required), numbers
 * with min/max/step, an integer default, a boolean, an options list, a hidden parameter, array
 * and object defaults, listed out of displayOrder order.
 */
export const ALL_PARAMETER_KINDS_SLUG = 'emulator-every-parameter-kind';

const thumbnail = (slug: string) =>
	`https://segmind-sd-models.s3.amazonaws.com/display_images/${slug}.jpg`;

const IMAGE_SIZES = [512, 768, 1024];

const entries: CatalogEntry[] = [
	{
		slug: 'flux-schnell',
		title: 'Flux.1 Schnell',
		type: 'textToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('flux-schnell'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			steps: { default: 4, min: 1, max: 8, step: 1, displayOrder: 2, component: 'slider' },
			seed: { default: 42, displayOrder: 3, component: 'number' },
			width: { default: 1024, min: 64, max: 1024, step: 64, displayOrder: 4, component: 'slider' },
			height: { default: 1024, min: 64, max: 1024, step: 64, displayOrder: 5, component: 'slider' },
		},
	},
	{
		slug: 'flux-dev',
		title: 'Flux.1 Dev',
		type: 'textToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('flux-dev'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			num_images: { default: 2, min: 1, max: 4, step: 1, displayOrder: 2, component: 'slider' },
			seed: { default: 42, displayOrder: 3, component: 'number' },
		},
	},
	{
		slug: 'sd1.5-txt2img',
		title: 'Stable Diffusion 1.5',
		type: 'textToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('sd1.5-txt2img'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			negative_prompt: { default: '', displayOrder: 2, component: 'textarea' },
			seed: { default: 42, displayOrder: 3, component: 'number' },
			base64: { default: false, displayOrder: 4, component: 'switch' },
		},
	},
	{
		slug: 'recraft-v3',
		title: 'Recraft V3',
		type: 'textToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('recraft-v3'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			style: {
				default: 'any',
				options: ['any', 'realistic_image', 'digital_illustration', 'vector_illustration'],
				displayOrder: 2,
				component: 'dropdown',
			},
			size: {
				default: '1024x1024',
				options: ['1024x1024', '1365x1024', '1024x1365'],
				displayOrder: 3,
				component: 'dropdown',
			},
		},
	},
	{
		slug: 'sdxl1.0-txt2img',
		title: 'Stable Diffusion XL 1.0',
		type: 'textToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('sdxl1.0-txt2img'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			negative_prompt: { default: '', displayOrder: 2, component: 'textarea' },
			style: {
				default: 'base',
				options: ['base', 'anime', 'photographic', 'cinematic', 'digital-art'],
				displayOrder: 3,
				component: 'dropdown',
			},
			samples: { default: 1, min: 1, max: 4, step: 1, displayOrder: 4, component: 'slider' },
			scheduler: {
				default: 'UniPC',
				options: ['DDIM', 'Euler', 'Euler a', 'UniPC', 'DPM2 Karras'],
				displayOrder: 5,
				component: 'dropdown',
			},
			num_inference_steps: {
				default: 25,
				min: 20,
				max: 100,
				step: 1,
				displayOrder: 6,
				component: 'slider',
			},
			guidance_scale: {
				default: 8,
				min: 1,
				max: 25,
				step: 0.5,
				displayOrder: 7,
				component: 'slider',
			},
			seed: { default: 468685, displayOrder: 8, component: 'number' },
			img_width: { default: 1024, options: IMAGE_SIZES, displayOrder: 9, component: 'dropdown' },
			img_height: { default: 1024, options: IMAGE_SIZES, displayOrder: 10, component: 'dropdown' },
			base64: { default: false, displayOrder: 11, component: 'switch' },
		},
	},
	{
		slug: 'sd1.5-img2img',
		title: 'Stable Diffusion img2img',
		type: 'imageTOImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('sd1.5-img2img'),
		parameters: {
			image: { isRequired: true, displayOrder: 1, component: 'image' },
			prompt: { isRequired: true, default: '', displayOrder: 2, component: 'textarea' },
			negative_prompt: { default: '', displayOrder: 3, component: 'textarea' },
			samples: { default: 1, min: 1, max: 4, step: 1, displayOrder: 4, component: 'slider' },
			scheduler: {
				default: 'DDIM',
				options: ['DDIM', 'DPM Multi', 'Euler a', 'Euler', 'LMS', 'PNDM'],
				displayOrder: 5,
				component: 'dropdown',
			},
			num_inference_steps: {
				default: 20,
				min: 20,
				max: 100,
				step: 1,
				displayOrder: 6,
				component: 'slider',
			},
			guidance_scale: {
				default: 7.5,
				min: 0.1,
				max: 25,
				step: 0.1,
				displayOrder: 7,
				component: 'slider',
			},
			strength: {
				default: 0.75,
				min: 0.1,
				max: 1,
				step: 0.05,
				displayOrder: 8,
				component: 'slider',
			},
			seed: { default: 98877465625, displayOrder: 9, component: 'number' },
			img_width: { default: 512, options: [512, 768], displayOrder: 10, component: 'dropdown' },
			img_height: { default: 512, options: [512, 768], displayOrder: 11, component: 'dropdown' },
			base64: { default: false, displayOrder: 12, component: 'switch' },
		},
	},
	{
		slug: 'kling-2.1-text2video',
		title: 'Kling 2.1 Text to Video',
		type: 'textToVideo',
		is_depreciated: false,
		thumbnail_image: thumbnail('kling-2.1-text2video'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			negative_prompt: { default: '', displayOrder: 2, component: 'textarea' },
			cfg_scale: { default: 0.5, min: 0, max: 1, step: 0.1, displayOrder: 3, component: 'slider' },
			aspect_ratio: {
				default: '16:9',
				options: ['16:9', '9:16', '1:1'],
				displayOrder: 4,
				component: 'dropdown',
			},
			duration: { default: 5, options: [5, 10], displayOrder: 5, component: 'dropdown' },
		},
	},
	{
		slug: 'kling-image2video',
		title: 'Kling Image to Video',
		type: 'imageToVideo',
		is_depreciated: false,
		thumbnail_image: thumbnail('kling-image2video'),
		parameters: {
			image: { isRequired: true, displayOrder: 1, component: 'image' },
			prompt: { isRequired: true, default: '', displayOrder: 2, component: 'textarea' },
			negative_prompt: { default: '', displayOrder: 3, component: 'textarea' },
			cfg_scale: { default: 0.5, min: 0, max: 1, step: 0.1, displayOrder: 4, component: 'slider' },
			mode: { default: 'std', options: ['std', 'pro'], displayOrder: 5, component: 'dropdown' },
			duration: { default: 5, options: [5, 10], displayOrder: 6, component: 'dropdown' },
		},
	},
	{
		slug: 'seedream-4-edit',
		title: 'Seedream 4 Edit',
		type: 'imageToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail('seedream-4-edit'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			reference_images: { isRequired: true, default: [], displayOrder: 2, component: 'imageList' },
			seed: { default: 42, displayOrder: 3, component: 'number' },
		},
	},
	{
		slug: 'parler-tts',
		title: 'Parler TTS',
		type: 'textToAudio',
		is_depreciated: false,
		thumbnail_image: thumbnail('parler-tts'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			description: {
				default: 'A calm female voice, close to the microphone, with very clear audio.',
				displayOrder: 2,
				component: 'textarea',
			},
		},
	},
	{
		slug: 'prompt-enhancer',
		title: 'Prompt Enhancer',
		type: 'textToText',
		is_depreciated: false,
		thumbnail_image: thumbnail('prompt-enhancer'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
		},
	},
	{
		slug: 'magic-prompt',
		title: 'Magic Prompt',
		type: 'textToText',
		is_depreciated: false,
		thumbnail_image: thumbnail('magic-prompt'),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
		},
	},
	{
		slug: 'gpt-4o',
		title: 'GPT-4o',
		type: 'llm',
		is_depreciated: false,
		thumbnail_image: null,
		// Chat models take a conversation, not fields: no parameters.
		parameters: {},
	},
	{
		slug: 'claude-4-sonnet',
		title: 'Claude 4 Sonnet',
		type: 'llm',
		is_depreciated: false,
		thumbnail_image: thumbnail('claude-4-sonnet'),
		parameters: {
			max_tokens: {
				default: 1024,
				min: 1,
				max: 64000,
				step: 1,
				displayOrder: 1,
				component: 'number',
			},
			temperature: { default: 1, min: 0, max: 1, step: 0.1, displayOrder: 2, component: 'slider' },
		},
	},
	{
		slug: DEPRECATED_CATALOG_SLUG,
		title: 'Stable Diffusion 2.1',
		type: 'textToImage',
		is_depreciated: true,
		thumbnail_image: thumbnail(DEPRECATED_CATALOG_SLUG),
		parameters: {
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			num_inference_steps: {
				default: 25,
				min: 20,
				max: 100,
				step: 1,
				displayOrder: 2,
				component: 'slider',
			},
		},
	},
	{
		slug: ALL_PARAMETER_KINDS_SLUG,
		title: 'Emulator: every parameter kind',
		type: 'textToImage',
		is_depreciated: false,
		thumbnail_image: thumbnail(ALL_PARAMETER_KINDS_SLUG),
		// Listed out of displayOrder order on purpose.
		parameters: {
			negative_prompt: { isRequired: false, default: '', displayOrder: 3, component: 'textarea' },
			prompt: { isRequired: true, default: '', displayOrder: 1, component: 'textarea' },
			guidance_scale: {
				default: 7.5,
				min: 1,
				max: 20,
				step: 0.5,
				displayOrder: 5,
				component: 'slider',
			},
			steps: { default: 25, min: 1, max: 100, step: 1, displayOrder: 4, component: 'slider' },
			seed: { default: 42, displayOrder: 6, component: 'number' },
			aspect_ratio: {
				default: '1:1',
				options: ['1:1', '16:9', '9:16'],
				displayOrder: 2,
				component: 'dropdown',
			},
			reference_images: { default: [], displayOrder: 8, component: 'imageList' },
			enhance_prompt: { default: false, displayOrder: 7, component: 'switch' },
			style_preset: {
				default: { name: 'none', strength: 0.5 },
				displayOrder: 9,
				component: 'json',
			},
			safety_tolerance: { default: 2, hidden: true, displayOrder: 10 },
		},
	},
];

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null) {
		Object.values(value).forEach(deepFreeze);
		Object.freeze(value);
	}
	return value;
}

/** Every entry, in the order the catalogue answers them; frozen, so answers stay the same. */
export const CATALOG_ENTRIES: readonly CatalogEntry[] = deepFreeze(entries);
