// /__emulator/*: lets another process (a real n8n's test, the benchmark) read the log and steer the emulator.
import type { RequestBody } from './body';
import { json, jsonError, type Answer } from './plan';
import type { RequestLogEntry } from './types';

export interface AdminControl {
	log: RequestLogEntry[];
	/** Applies a partial update and describes the result; throws on invalid input. */
	configure(update: unknown): object;
	reset(): void;
	/** Sets one account's balance and describes it; throws on invalid input or an unknown account. */
	setBalance(update: unknown): object;
}

const ADMIN_PATHS = [
	'/__emulator/log',
	'/__emulator/config',
	'/__emulator/reset',
	'/__emulator/balance',
];

export function planAdmin(
	method: string,
	url: URL,
	body: RequestBody,
	control: AdminControl,
): Answer {
	const route = `${method} ${url.pathname}`;
	switch (route) {
		case 'GET /__emulator/log': {
			// ?since=<seq> returns only later entries, for polling.
			const since = Number(url.searchParams.get('since') ?? 0);
			return json(
				200,
				control.log.filter((entry) => entry.seq > since),
			);
		}
		case 'POST /__emulator/config':
			if (!body.json) return jsonError(400, 'Send the options as a JSON object');
			try {
				return json(200, control.configure(body.json.value));
			} catch (error) {
				return jsonError(400, (error as Error).message);
			}
		case 'POST /__emulator/reset':
			control.reset();
			return json(200, { reset: true });
		case 'POST /__emulator/balance':
			if (!body.json) return jsonError(400, 'Send the balance as a JSON object');
			try {
				return json(200, control.setBalance(body.json.value));
			} catch (error) {
				return jsonError(400, (error as Error).message);
			}
		default:
			return ADMIN_PATHS.includes(url.pathname)
				? jsonError(405, `${method} is not allowed on ${url.pathname}`)
				: jsonError(404, `No admin endpoint ${url.pathname}`);
	}
}
