// Helpers for the media tests: requests whose answers are bytes, and checks that bytes are
// really the file type they claim (signatures, a PNG decoded down to its pixel rows).
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { inflateSync } from 'node:zlib';
import { DEMO_API_KEY, type Emulator } from '../../../emulator/server';

export interface BytesReply {
	status: number;
	headers: Headers;
	bytes: Buffer;
	/** The body as JSON, when it is JSON. */
	json?: any;
}

export async function fetchBytes(url: string, init: RequestInit = {}): Promise<BytesReply> {
	const response = await fetch(url, init);
	const bytes = Buffer.from(await response.arrayBuffer());
	let json: unknown;
	try {
		json = JSON.parse(bytes.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, bytes, json };
}

/** POST a media model's JSON parameters to /v1/{slug} or /v2/{slug}. */
export const runModel = (
	emulator: Emulator,
	slug: string,
	params: unknown,
	{ version = 'v1', key = DEMO_API_KEY }: { version?: 'v1' | 'v2'; key?: string | null } = {},
) =>
	fetchBytes(`${emulator.url}/${version}/${slug}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(key === null ? {} : { 'x-api-key': key }),
		},
		body: JSON.stringify(params),
	});

/** GET with the demo key (polls, results). */
export const getWithKey = (url: string, key: string = DEMO_API_KEY) =>
	fetchBytes(url, { headers: { 'x-api-key': key } });

/** Submits to v2 and fetches the result once it completes (latency 0: at once). */
export async function runQueued(emulator: Emulator, slug: string, params: unknown) {
	const submitted = await runModel(emulator, slug, params, { version: 'v2' });
	if (submitted.status !== 200)
		throw new Error(`submit answered ${submitted.status}: ${submitted.bytes}`);
	return getWithKey(submitted.json.response_url);
}

export const isPng = (bytes: Buffer) =>
	bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'));
export const isJpeg = (bytes: Buffer) =>
	bytes.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex')) &&
	bytes.subarray(-2).equals(Buffer.from('ffd9', 'hex'));
export const isMp4 = (bytes: Buffer) => bytes.subarray(4, 8).toString('latin1') === 'ftyp';
/** An ID3v2 header followed by an MPEG audio frame sync. */
export function isMp3(bytes: Buffer): boolean {
	if (bytes.subarray(0, 3).toString('latin1') !== 'ID3') return false;
	const size = (bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9];
	const frame = 10 + size;
	return bytes[frame] === 0xff && (bytes[frame + 1] & 0xe0) === 0xe0;
}

/**
 * Decodes a PNG far enough to prove it is one: every chunk's length and order, the IHDR size,
 * and the IDAT data inflating to exactly height rows of (1 + width * 3) bytes (8-bit RGB).
 */
export function decodePng(bytes: Buffer): { width: number; height: number } {
	if (!isPng(bytes)) throw new Error('no PNG signature');
	let at = 8;
	const idat: Buffer[] = [];
	let width = 0;
	let height = 0;
	let ended = false;
	while (at < bytes.length) {
		const length = bytes.readUInt32BE(at);
		const type = bytes.subarray(at + 4, at + 8).toString('latin1');
		const data = bytes.subarray(at + 8, at + 8 + length);
		if (type === 'IHDR') {
			width = data.readUInt32BE(0);
			height = data.readUInt32BE(4);
			if (data[8] !== 8 || data[9] !== 2) throw new Error('not 8-bit RGB');
		}
		if (type === 'IDAT') idat.push(data);
		if (type === 'IEND') ended = true;
		at += 12 + length;
	}
	if (!ended || at !== bytes.length) throw new Error('PNG does not end with IEND');
	const rows = inflateSync(Buffer.concat(idat));
	if (rows.length !== height * (1 + width * 3)) throw new Error('pixel data of the wrong size');
	return { width, height };
}

/** Sends a request with a Host header of our choosing (node:http), e.g. to prove URLs use it. */
export function requestWithHost(
	emulator: Emulator,
	path: string,
	host: string,
	{ method = 'GET', body }: { method?: string; body?: unknown } = {},
): Promise<{ status: number; json: any }> {
	return new Promise((resolve, reject) => {
		const req = request(
			`${emulator.url}${path}`,
			{
				method,
				headers: {
					host,
					'x-api-key': DEMO_API_KEY,
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
			},
		);
		req.on('error', reject);
		req.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

export interface ElsewhereReply {
	status: number;
	headers: Record<string, string>;
	bytes: number;
	/** The first 32 bytes, in hex. */
	head: string;
}

/**
 * Requests in a child Node process that counts the body's bytes and keeps the first 32, so this
 * process's memory is the emulator's alone while a large body goes by.
 */
export function downloadElsewhere(
	url: string,
	{
		method = 'GET',
		headers = {},
		body,
	}: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<ElsewhereReply> {
	const script = `
		const http = require('node:http');
		const [url, options, body] = process.argv.slice(1);
		const req = http.request(url, JSON.parse(options), (res) => {
			let bytes = 0;
			let head = Buffer.alloc(0);
			res.on('data', (chunk) => {
				if (head.length < 32) head = Buffer.concat([head, chunk]).subarray(0, 32);
				bytes += chunk.length;
			});
			res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, headers: res.headers, bytes, head: head.toString('hex') })));
		});
		req.end(body || undefined);`;
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['-e', script, url, JSON.stringify({ method, headers }), body ?? ''],
			{ timeout: 50_000 },
			(error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
		);
	});
}

/** Runs `work` while sampling this process's RSS; how far it rose above the start. */
export async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; grewBy: number }> {
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	try {
		const result = await work();
		return { result, grewBy: Math.max(peak, process.memoryUsage().rss) - before };
	} finally {
		clearInterval(sampler);
	}
}
