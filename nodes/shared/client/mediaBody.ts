import type { IDataObject } from 'n8n-workflow';

import { parseJsonText } from '../values';
import type { FileStream } from './download';
import { withinTime } from './pause';
import { baseMimeType, headerValue } from './outcome';
import type { ApiAnswer, ApiOutcome } from './request';

/** The answer's Content-Type, lower case, without parameters ('' when it has none). */
const contentTypeOf = (headers: IDataObject): string =>
	baseMimeType(headerValue(headers, 'content-type')) ?? '';

const isJsonType = (type: string): boolean => type === 'application/json' || type.endsWith('+json');

const isTextType = (type: string): boolean => type.startsWith('text/');

/** Whether an answer's body is a file: a 2xx whose Content-Type is neither JSON nor text. */
export function isFileAnswer(outcome: ApiOutcome): outcome is ApiAnswer & { body: FileStream } {
	if (!outcome.answered || outcome.statusCode < 200 || outcome.statusCode >= 300) return false;
	const type = contentTypeOf(outcome.headers);
	return !isJsonType(type) && !isTextType(type);
}

async function readAll(stream: FileStream): Promise<Buffer> {
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
	const stream = answer.body as FileStream;
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
