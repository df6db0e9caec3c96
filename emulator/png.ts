// A small PNG encoder (8-bit RGB, no filter) and the pictures the emulator draws with it.
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

export function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** The IHDR chunk of an 8-bit RGB image. */
export function pngHeader(width: number, height: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.writeUInt8(8, 8); // bits per channel
	header.writeUInt8(2, 9); // RGB
	return pngChunk('IHDR', header);
}

export type Rgb = [number, number, number];

/** A PNG of `width` x `height` RGB pixels, each coloured by `pixel(x, y)`. */
export function png(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
	const rows = Buffer.alloc(height * (1 + width * 3));
	let at = 0;
	for (let y = 0; y < height; y++) {
		rows[at++] = 0; // no filter
		for (let x = 0; x < width; x++) {
			const [r, g, b] = pixel(x, y);
			rows[at++] = r;
			rows[at++] = g;
			rows[at++] = b;
		}
	}
	return Buffer.concat([
		PNG_SIGNATURE,
		pngHeader(width, height),
		pngChunk('IDAT', deflateSync(rows)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * A picture that depends on `seedText` only: two colours and a stripe or checker pattern taken
 * from its SHA-256, so two prompts give two different images and one prompt always the same.
 */
export function hashedPicture(seedText: string, width = 64, height = 64): Buffer {
	const hash = createHash('sha256').update(seedText).digest();
	const back: Rgb = [hash[0], hash[1], hash[2]];
	const fore: Rgb = [hash[3] ^ 0x80, hash[4] ^ 0x80, hash[5] ^ 0x80];
	const cell = 2 + (hash[6] % 14);
	const pattern = hash[7] % 3;
	return png(width, height, (x, y) => {
		const on =
			pattern === 0
				? Math.floor(x / cell) % 2 === 0
				: pattern === 1
					? Math.floor(y / cell) % 2 === 0
					: (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0;
		return on ? fore : back;
	});
}
