// Progress lines for the start and demo scripts: one line when a step begins, its time when done.

export type Log = (line: string) => void;

export function seconds(since: number): string {
	return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export async function step<T>(log: Log, label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	log(`${label}...`);
	const result = await work();
	log(`  done in ${seconds(started)}`);
	return result;
}
