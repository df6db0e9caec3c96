/**
 * Runs work(0 .. count-1) with at most `limit` running at once and returns the results in index
 * order. Once shouldStop() says so, no further work starts; what never ran stays undefined.
 */
export async function runInPool<T>(
	count: number,
	limit: number,
	work: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count);
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			results[index] = await work(index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker);
	await Promise.all(workers);
	return results;
}
