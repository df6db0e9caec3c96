// Reads a request body whole and parses it as JSON when it is JSON.
import type { IncomingMessage } from 'node:http';

export interface RequestBody {
	raw: string;
	json?: { value: unknown };
}

export async function readBody(req: IncomingMessage): Promise<RequestBody> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	try {
		return { raw, json: { value: JSON.parse(raw) } };
	} catch {
		return { raw };
	}
}

/** The body as the log shows it: parsed JSON, else raw text, else null. */
export const loggedBody = (body: RequestBody): unknown =>
	body.json ? body.json.value : body.raw === '' ? null : body.raw;

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a body is refused: 406 for the transport, 400 for the content. */
export interface BodyError {
	status: 400 | 406;
	error: string;
}

/** The body's JSON, or the 406 Segmind answers when it is not sent as JSON or does not parse. */
export function readJson(
	contentType: string | undefined,
	body: RequestBody,
): { value: unknown } | BodyError {
	if (contentType?.split(';')[0].trim().toLowerCase() !== 'application/json') {
		return { status: 406, error: 'Content-Type must be application/json' };
	}
	return body.json ?? { status: 406, error: 'Request body is not valid JSON' };
}

/** As readJson, then the 400 `notObject` when the JSON is not an object. */
export function readJsonObject(
	contentType: string | undefined,
	body: RequestBody,
	notObject = 'Request body must be a JSON object',
): { value: Record<string, unknown> } | BodyError {
	const read = readJson(contentType, body);
	if ('error' in read) return read;
	return isJsonObject(read.value) ? { value: read.value } : { status: 400, error: notObject };
}
