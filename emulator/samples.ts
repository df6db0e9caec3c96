// GET /samples/<name>: images to fetch in demos and tests (example 5 describes one), made in code.
import { crc32, deflateSync } from 'node:zlib';

import { jsonError, type Answer } from './plan';

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A PNG of `size` x `size` RGB pixels, each coloured by `pixel(x, y)`. */
function png(size: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.writeUInt8(8, 8); // bits per channel
	header.writeUInt8(2, 9); // RGB
	const rows: number[] = [];
	for (let y = 0; y < size; y++) {
		rows.push(0); // no filter
		for (let x = 0; x < size; x++) rows.push(...pixel(x, y));
	}
	return Buffer.concat([
		Buffer.from('89504e470d0a1a0a', 'hex'),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.from(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A 32 x 32 drawing of an orange cat's face on blue: two ears, two eyes. */
function catFace(x: number, y: number): [number, number, number] {
	const ear = y < 10 && (Math.abs(x - 8) < 10 - y || Math.abs(x - 23) < 10 - y);
	const head = (x - 15.5) ** 2 + (y - 18) ** 2 < 12 ** 2;
	const eye = (Math.abs(x - 11) < 2 || Math.abs(x - 20) < 2) && Math.abs(y - 16) < 2;
	if (eye) return [30, 30, 30];
	if (ear || head) return [240, 150, 40];
	return [70, 130, 200];
}

const SAMPLES: Record<string, { contentType: string; body: Buffer }> = {
	'cat.png': { contentType: 'image/png', body: png(32, catFace) },
};

export const SAMPLES_PREFIX = '/samples/';

export function planSample(method: string, pathname: string): Answer {
	const sample = SAMPLES[pathname.slice(SAMPLES_PREFIX.length)];
	if (!sample) return jsonError(404, `No sample ${pathname}`);
	if (method !== 'GET') return jsonError(405, `${method} is not allowed on ${pathname}`);
	return { action: 'answer', status: 200, contentType: sample.contentType, body: sample.body };
}
