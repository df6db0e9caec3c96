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
