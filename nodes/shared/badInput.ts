/**
 * Bad input, with a message that names the field it is about; `itemIndex` names the input item
 * when it is not the one the output item stands for (one bad item of a conversation of items).
 */
export class BadInput extends Error {
	constructor(
		message: string,
		readonly itemIndex?: number,
	) {
		super(message);
	}
}

/** What `work` returns, or the message of what it threw (bad input, a failing expression). */
export function attempt<T>(work: () => T): { value: T } | { failure: string } {
	try {
		return { value: work() };
	} catch (error) {
		return { failure: error instanceof Error ? error.message : String(error) };
	}
}

/** `attempt` for async work: what it resolves to, or the message of what it threw. */
export async function attemptAsync<T>(
	work: () => Promise<T>,
): Promise<{ value: T } | { failure: string }> {
	return await work().then(
		(value) => ({ value }),
		(error: unknown) => ({ failure: error instanceof Error ? error.message : String(error) }),
	);
}
