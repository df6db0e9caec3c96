// GET /samples/<name>: images to fetch in demos and tests (example 5 describes one), made in code.
import { jsonError, type Answer } from './plan';
import { png, type Rgb } from './png';

/** A 32 x 32 drawing of an orange cat's face on blue: two ears, two eyes. */
function catFace(x: number, y: number): Rgb {
	const ear = y < 10 && (Math.abs(x - 8) < 10 - y || Math.abs(x - 23) < 10 - y);
	const head = (x - 15.5) ** 2 + (y - 18) ** 2 < 12 ** 2;
	const eye = (Math.abs(x - 11) < 2 || Math.abs(x - 20) < 2) && Math.abs(y - 16) < 2;
	if (eye) return [30, 30, 30];
	if (ear || head) return [240, 150, 40];
	return [70, 130, 200];
}

const SAMPLES: Record<string, { contentType: string; body: Buffer }> = {
	'cat.png': { contentType: 'image/png', body: png(32, 32, catFace) },
};

export const SAMPLES_PREFIX = '/samples/';

export function planSample(method: string, pathname: string): Answer {
	const sample = SAMPLES[pathname.slice(SAMPLES_PREFIX.length)];
	if (!sample) return jsonError(404, `No sample ${pathname}`);
	if (method !== 'GET') return jsonError(405, `${method} is not allowed on ${pathname}`);
	return { action: 'answer', status: 200, contentType: sample.contentType, body: sample.body };
}
