// What the emulator will do with a request, decided as it arrives and carried out after the latency.
import type { Charge } from './accounts';
import type { Directive } from './types';

export interface Answer {
	action: 'answer';
	status: number;
	/** Absent for an empty body. */
	contentType?: string;
	body: string | Buffer;
	/** A body made while it is sent (a huge file) instead of `body`; Content-Length only when `withLength`. */
	streamed?: { size: number; withLength: boolean; pieces: () => Iterator<Buffer> };
	headers?: Record<string, string>;
	/** Added to the latency (the 'slow' fault). */
	extraDelayMs?: number;
	/** Credits taken for a 200; given back if the answer is never sent. */
	charge?: Charge;
	fault?: Directive;
}

/** 'reset' destroys the socket without answering; 'hang' never answers. */
export type Plan =
	| Answer
	| { action: 'reset'; fault: Directive }
	| { action: 'hang'; fault: Directive };

/** Whether a check ended the request (a Plan) rather than passing it on. */
export const isPlan = <T extends object>(checked: Plan | T): checked is Plan => 'action' in checked;

export const json = (status: number, value: unknown, extra: Partial<Answer> = {}): Answer => ({
	action: 'answer',
	status,
	contentType: 'application/json',
	body: JSON.stringify(value),
	...extra,
});

export const jsonError = (status: number, error: string, extra: Partial<Answer> = {}): Answer =>
	json(status, { error }, extra);

/** An HTML error page, as a web server or gateway in front of the API would send. */
export const htmlPage = (status: number, title: string, extra: Partial<Answer> = {}): Answer => ({
	action: 'answer',
	status,
	contentType: 'text/html; charset=utf-8',
	body: `<!doctype html>\n<html lang="en">\n<head><title>${status} ${title}</title></head>\n<body><h1>${title}</h1></body>\n</html>\n`,
	...extra,
});

/** A 429 naming the moment the key's window lets it in again. */
export const rateLimited = (resetAt: number, fault?: Directive): Answer =>
	jsonError(429, 'Too many requests', {
		headers: { 'x-rate-limit-reset-at-utc': new Date(resetAt).toISOString() },
		fault,
	});

export const methodNotAllowed = (): Answer => htmlPage(405, 'Method Not Allowed');

export const unauthorized = (keyGiven: boolean): Answer =>
	jsonError(401, keyGiven ? 'Invalid API key' : 'Missing API key: send it in the x-api-key header');
