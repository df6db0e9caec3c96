// Starts executions of a published Webhook workflow all at once, one HTTP request each, and
// collects what each answered (with "respond when the last node finishes", its outputs).
export interface ExecutionAnswer {
	/** HTTP status of the webhook's answer. */
	status: number;
	/** The answer parsed as JSON (the last node's items, for such a webhook), else its text. */
	body: unknown;
	/** From sending the request to the end of the answer. */
	elapsedMs: number;
}

async function post(url: string, body: unknown): Promise<ExecutionAnswer> {
	const started = performance.now();
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: an error page, kept as text for the message.
	}
	return { status: response.status, body: parsed, elapsedMs: performance.now() - started };
}

/** One POST per body, all sent at once; answers in the bodies' order. */
export async function fireExecutions(url: string, bodies: unknown[]): Promise<ExecutionAnswer[]> {
	return await Promise.all(bodies.map((body) => post(url, body)));
}
