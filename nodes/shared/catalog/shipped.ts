import type { CatalogEntry } from './types';

// The models the list offers when Segmind's catalogue cannot be read: each slug is named on its
// page, https://www.segmind.com/models/<slug>/api (checked December 2026), with the catalogue's
// type for it. Parameters are left out: each page lists its own.

const model = (slug: string, title: string, type: string): CatalogEntry =>
	Object.freeze({ slug, title, type, deprecated: false });

export const SHIPPED_CATALOG: readonly CatalogEntry[] = Object.freeze([
	// Images
	model('flux-pro', 'Flux .1 Pro', 'textToImage'),
	model('flux-2-flex', 'Flux 2 Flex', 'textToImage'),
	model('nano-banana-2', 'Nano Banana 2', 'textToImage'),
	model('segmind-vega', 'Segmind-Vega', 'textToImage'),
	model('nano-banana', 'Nano Banana', 'imageToImage'),
	model('w2imgsd1.5-img2img', 'Word2img', 'imageToImage'),
	// Video
	model('veo-3', 'Google Veo 3', 'textToVideo'),
	model('veo-3-fast', 'Veo 3 Fast', 'textToVideo'),
	model('veo-3.1', 'Veo 3.1', 'textToVideo'),
	model('kling-o1-image-to-video', 'Kling O1 Image 2 Video', 'imageToVideo'),
	model('kling-3-standard-image2video', 'Kling 3.0 Standard Image-to-Video', 'imageToVideo'),
	model('kling-1.6-image2video', 'Kling AI 1.6 Image to Video', 'imageToVideo'),
	// Audio
	model('seed-audio-1.0', 'Seed Audio 1.0', 'textToAudio'),
	model('veena-tts', 'Veena TTS', 'textToAudio'),
	model('minimax-music-01', 'Minimax Music-01', 'textToAudio'),
	// Chat
	model('gpt-4o', 'GPT-4o', 'llm'),
	model('gpt-5-mini', 'GPT-5 Mini', 'llm'),
	model('o4-mini', 'o4-mini', 'llm'),
	model('claude-4-sonnet', 'Claude 4 Sonnet', 'llm'),
	model('claude-4.5-sonnet', 'Claude 4.5 Sonnet', 'llm'),
	model('gemini-2.5-flash', 'Gemini 2.5 Flash', 'llm'),
	model('deepseek-chat', 'DeepSeek Chat', 'llm'),
	model('llama-v3p1-405b-instruct', 'Llama 3.1 405B Instruct', 'llm'),
]);
