// The media files the emulator answers that are not drawn in code (emulator/fixtures/README.md
// says how each was made). Node tests may import these paths to feed real files in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, 'fixtures');

export const FIXTURE_FILES = {
	/** H.264 MP4, 64x64, 1 s (video/mp4). */
	mp4: join(FIXTURES_DIR, 'clip.mp4'),
	/** MP3 with an ID3v2 header, 1 s (audio/mpeg). */
	mp3: join(FIXTURES_DIR, 'speech.mp3'),
	/** Baseline JPEG, 64x64 (image/jpeg). */
	jpeg: join(FIXTURES_DIR, 'photo.jpg'),
	/** WebP, 32x32 (image/webp). */
	webp: join(FIXTURES_DIR, 'photo.webp'),
	/** GIF89a, 32x32 (image/gif). */
	gif: join(FIXTURES_DIR, 'photo.gif'),
} as const;

export type FixtureName = keyof typeof FIXTURE_FILES;

const cache = new Map<FixtureName, Buffer>();

/** A fixture's bytes, read once. */
export function fixture(name: FixtureName): Buffer {
	let bytes = cache.get(name);
	if (!bytes) {
		bytes = readFileSync(FIXTURE_FILES[name]);
		cache.set(name, bytes);
	}
	return bytes;
}
