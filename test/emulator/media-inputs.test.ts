// The input-reading slugs: images given as a URL on the emulator itself, a data: URI or bare
// base64 are read and checked; anything that is not a real PNG, JPEG, WebP or GIF is a 400.
import { readFileSync } from 'node:fs';
import { call, credits, remaining } from './support/client';
import { decodePng, fetchBytes, isMp4, runModel, runQueued } from './support/media';
import { FIXTURE_FILES, MEDIA_SLUGS, startEmulator, type Emulator } from '../../emulator/server';

jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const balance = async () => remaining(await credits(emulator));
const dataUri = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;
const jpeg = readFileSync(FIXTURE_FILES.jpeg);
const webp = readFileSync(FIXTURE_FILES.webp);
const gif = readFileSync(FIXTURE_FILES.gif);

/** Sends one file to the storage upload (POST /upload-asset) and gives its /uploads/ URL. */
async function upload(file: string): Promise<string> {
	const reply = await call(emulator, '/upload-asset', { body: { data_urls: [file] } });
	expect(reply.status).toBe(200);
	return JSON.parse(reply.text).urls[0];
}

const img2img = (image: unknown) =>
	runModel(emulator, MEDIA_SLUGS.imageToImage, { prompt: 'make it blue', image });

describe('sd1.5-img2img reads one image', () => {
	it('takes its own /samples/ URL, by 127.0.0.1 or localhost, and answers a PNG', async () => {
		const byAddress = await img2img(`${emulator.url}/samples/cat.png`);
		expect(byAddress.status).toBe(200);
		expect(byAddress.headers.get('content-type')).toBe('image/png');
		expect(decodePng(byAddress.bytes)).toEqual({ width: 64, height: 64 });
		const byName = await img2img(`http://localhost:${emulator.port}/samples/cat.png`);
		expect(byName.bytes.equals(byAddress.bytes)).toBe(true);
	});

	it('takes a /files/ URL of an earlier run; the fetch shows in the log as a keyless file download', async () => {
		const earlier = await runQueued(emulator, MEDIA_SLUGS.png, { prompt: 'a cat' });
		const reply = await img2img(earlier.json.output);
		expect(reply.status).toBe(200);
		expect(emulator.log.filter((entry) => entry.kind === 'file')).toEqual([
			expect.objectContaining({
				keyGiven: false,
				status: 200,
				path: new URL(earlier.json.output).pathname,
			}),
		]);
	});

	it('takes a /uploads/ URL from the storage upload; the fetch shows in the log as a keyless file download', async () => {
		const cat = (await fetchBytes(`${emulator.url}/samples/cat.png`)).bytes;
		const uploaded = await upload(dataUri('image/png', cat));
		expect(uploaded).toMatch(new RegExp(`^${emulator.url}/uploads/[0-9a-f-]{36}\\.png$`));
		const reply = await img2img(uploaded);
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toBe('image/png');
		expect(decodePng(reply.bytes)).toEqual({ width: 64, height: 64 });
		// The uploaded bytes were read: the same picture as a data: URI gives the same answer.
		const inline = await img2img(dataUri('image/png', cat));
		expect(inline.bytes.equals(reply.bytes)).toBe(true);
		expect(emulator.log.filter((entry) => entry.kind === 'file')).toEqual([
			expect.objectContaining({
				keyGiven: false,
				keyLabel: 'missing',
				status: 200,
				path: new URL(uploaded).pathname,
			}),
		]);
	});

	it('refuses an uploaded text file with 400, not billed', async () => {
		const uploaded = await upload(dataUri('text/plain', Buffer.from('hello, not a picture')));
		expect(uploaded).toMatch(/\/uploads\/[0-9a-f-]{36}\.txt$/);
		const reply = await img2img(uploaded);
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({
			error: '"image": the data is not a real image (PNG, JPEG, WebP or GIF expected)',
		});
		const gone = await img2img(`${emulator.url}/uploads/00000000-0000-0000-0000-000000000000.png`);
		expect(gone.status).toBe(400);
		expect(gone.json.error).toMatch(/answered HTTP 404/);
		expect(await balance()).toBe('1000.5');
	});

	it.each([
		['a JPEG data: URI', dataUri('image/jpeg', jpeg)],
		['bare base64 JPEG', jpeg.toString('base64')],
		['a WebP data: URI', dataUri('image/webp', webp)],
		['bare base64 GIF', gif.toString('base64')],
	])('takes %s', async (_, image) => {
		const reply = await img2img(image);
		expect(reply.status).toBe(200);
		expect(decodePng(reply.bytes)).toEqual({ width: 64, height: 64 });
	});

	it('another input image gives another output', async () => {
		const fromJpeg = await img2img(dataUri('image/jpeg', jpeg));
		const fromGif = await img2img(dataUri('image/gif', gif));
		expect(fromJpeg.bytes.equals(fromGif.bytes)).toBe(false);
	});

	it.each([
		[
			'text in a data: URI',
			dataUri('image/png', Buffer.from('not an image at all')),
			/not a real image/,
		],
		[
			'base64 of text',
			Buffer.from('hello world, this is text').toString('base64'),
			/not a real image/,
		],
		['an MP4 as base64', readFileSync(FIXTURE_FILES.mp4).toString('base64'), /not a real image/],
		['a data: URI that is not base64', 'data:image/png,rawbytes', /a data: URI must be base64/],
		['a string that is none of them', 'just words', /must be an image URL, a data: URI or base64/],
		['a number', 42, /must be an image URL, a data: URI or base64/],
		['another host', 'https://example.com/cat.png', /fetches only its own URLs, not example\.com/],
		['a file that is not there', 'FILE_MISSING', /answered HTTP 404/],
		['its own URL that is not an image', 'MEDIA_TEXT', /not a real image/],
	])('refuses %s with 400, not billed', async (_, image, error) => {
		let value = image;
		if (image === 'FILE_MISSING') value = `${emulator.url}/files/0123456789abcdef01234567.png`;
		if (image === 'MEDIA_TEXT') value = `${emulator.url}/__emulator/log`;
		const reply = await img2img(value);
		expect(reply.status).toBe(400);
		expect(Object.keys(reply.json)).toEqual(['error']);
		expect(reply.json.error).toMatch(/^"image"/);
		expect(reply.json.error).toMatch(error);
		expect(await balance()).toBe('1000.5');
	});

	it('takes an image of about 10 MB in base64, as a data: URI and bare', async () => {
		// A real PNG followed by filler up to 7.5 MiB: its base64 is 10 MiB of text.
		const cat = (await fetchBytes(`${emulator.url}/samples/cat.png`)).bytes;
		const big = Buffer.concat([cat, Buffer.alloc(7.5 * 1024 * 1024 - cat.length, 7)]);
		for (const image of [dataUri('image/png', big), big.toString('base64')]) {
			const reply = await img2img(image);
			expect(reply.status).toBe(200);
			expect(decodePng(reply.bytes)).toEqual({ width: 64, height: 64 });
		}
	});

	it('refuses a missing image, and an own file larger than 20 MiB', async () => {
		const missing = await runModel(emulator, MEDIA_SLUGS.imageToImage, { prompt: 'x' });
		expect(missing.status).toBe(400);
		expect(missing.json).toEqual({ error: '"image" is required' });
		const huge = await runQueued(emulator, MEDIA_SLUGS.png, { prompt: 'x #emulate:huge:30' });
		const tooBig = await img2img(huge.json.output);
		expect(tooBig.status).toBe(400);
		expect(tooBig.json.error).toMatch(/larger than 20 MiB/);
	});

	it('the key checks come before any input is read', async () => {
		const reply = await runModel(
			emulator,
			MEDIA_SLUGS.imageToImage,
			{ prompt: 'x', image: `${emulator.url}/samples/cat.png` },
			{ key: null },
		);
		expect(reply.status).toBe(401);
	});
});

describe('kling-image2video and seedream-4-edit', () => {
	it('kling-image2video takes image or first_frame_url and answers the MP4; neither is 400', async () => {
		for (const name of ['image', 'first_frame_url']) {
			const reply = await runModel(emulator, MEDIA_SLUGS.imageToVideo, {
				prompt: 'pan left',
				[name]: `${emulator.url}/samples/cat.png`,
			});
			expect(reply.status).toBe(200);
			expect(reply.headers.get('content-type')).toBe('video/mp4');
			expect(isMp4(reply.bytes)).toBe(true);
		}
		const neither = await runModel(emulator, MEDIA_SLUGS.imageToVideo, { prompt: 'pan left' });
		expect(neither.json).toEqual({ error: '"image" or "first_frame_url" is required' });
		const junk = await runModel(emulator, MEDIA_SLUGS.imageToVideo, {
			prompt: 'x',
			first_frame_url: 'aGVsbG8=',
		});
		expect(junk.status).toBe(400);
		expect(junk.json.error).toMatch(/^"first_frame_url": the data is not a real image/);
	});

	it('kling-image2video on v2: the result is an MP4 URL', async () => {
		const result = await runQueued(emulator, MEDIA_SLUGS.imageToVideo, {
			prompt: 'x',
			image: dataUri('image/jpeg', jpeg),
		});
		expect(result.json.output).toMatch(/\.mp4$/);
		expect(isMp4((await fetchBytes(result.json.output)).bytes)).toBe(true);
	});

	it('seedream-4-edit takes reference_images, an array of 1 to 4 images of any accepted form', async () => {
		const reply = await runModel(emulator, MEDIA_SLUGS.referenceImages, {
			prompt: 'combine them',
			reference_images: [
				`${emulator.url}/samples/cat.png`,
				dataUri('image/webp', webp),
				jpeg.toString('base64'),
			],
		});
		expect(reply.status).toBe(200);
		expect(decodePng(reply.bytes)).toEqual({ width: 64, height: 64 });
	});

	it.each([
		['a single string', 'aGVsbG8=', /must be an array of 1 to 4 images/],
		['an empty array', [], /must be an array of 1 to 4 images/],
		['five images', Array(5).fill(jpeg.toString('base64')), /must be an array of 1 to 4 images/],
		[
			'junk as the second image',
			[jpeg.toString('base64'), 'aGVsbG8='],
			/^"reference_images\[1\]": the data is not a real image/,
		],
	])('seedream-4-edit refuses %s with 400', async (_, images, error) => {
		const reply = await runModel(emulator, MEDIA_SLUGS.referenceImages, {
			prompt: 'x',
			reference_images: images,
		});
		expect(reply.status).toBe(400);
		expect(reply.json.error).toMatch(error);
	});
});
