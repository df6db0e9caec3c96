import type { IDataObject } from 'n8n-workflow';

import { parseJsonText } from '../values';
import { withinTime } from './pause';
import type { ApiAnswer, ApiOutcome } from './request';

/**
 * A response body as a stream (n8n's HTTP helper answers a Node IncomingMessage for
 * `encoding: 'stream'`); typed without importing node:stream, which n8n's scan refuses.
 */
export type BodyStream = NodeJS.ReadableStream & { destroy(error?: Error): void };

/** The answer's Content-Type, lower case, without parameters ('' when it has none). */
export function contentTypeOf(headers: IDataObject): string {
	const value = headers['content-type'];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' ? (text.split(';')[0] ?? '').trim().toLowerCase() : '';
}

export const isJsonType = (type: string): boolean =>
	type === 'application/json' || type.endsWith('+json');

export const isTextType = (type: string): boolean => type.startsWith('text/');

/** Whether an answer's body is a file: a 2xx whose Content-Type is neither JSON nor text. */
export function isFileAnswer(outcome: ApiOutcome): outcome is ApiAnswer & { body: BodyStream } {
	if (!outcome.answered || outcome.statusCode < 200 || outcome.statusCode >= 300) return false;
	const type = contentTypeOf(outcome.headers);
	return !isJsonType(type) && !isTextType(type);
}

async function readAll(stream: BodyStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}
	return Buffer.concat(chunks);
}

/**
 * A streamed answer made ready for the caller: a file body stays a stream (the caller stores it
 * and must read or destroy it); any other body is read whole within `timeoutMs` and becomes its
 * JSON value (a JSON type that parses) or its text; 'expired' when it does not come in time.
 */
export async function settleStreamedAnswer(
	answer: ApiAnswer,
	timeoutMs: number,
	signal?: AbortSignal,
): Promise<ApiAnswer | 'expired'> {
	const stream = answer.body as BodyStream;
	if (isFileAnswer(answer)) return answer;
	const read = await withinTime(readAll(stream), timeoutMs, signal);
	if (read === 'expired' || read === 'cancelled') {
		stream.destroy();
		return 'expired';
	}
	const text = read.value.toString('utf8');
	const json = isJsonType(contentTypeOf(answer.headers)) ? parseJsonText(text) : undefined;
	return { ...answer, body: json ? json.value : text };
}
