import { defaultOptions } from '../../../emulator/config';
import { startEmulator, type Emulator, type RequestLogEntry } from '../../../emulator/server';

/** A key only these tests know, to prove it never leaks into outputs or errors. */
export const SECRET_API_KEY = 'SG_engine_secret_key_7f3a9c';

const options = () => {
	const defaults = defaultOptions();
	return {
		...defaults,
		keys: { ...defaults.keys, [SECRET_API_KEY]: { credits: 500, label: 'secret' } },
	};
};

/**
 * One emulator per test file, with the well-known keys and the secret one (500 credits). Before
 * each test its options, balances and request log start afresh, whatever the last test changed.
 */
export function useEmulator() {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator(options());
	});
	beforeEach(() => {
		emulator.configure(options());
		emulator.reset();
	});
	afterAll(async () => await emulator.close());
	return {
		get emulator() {
			return emulator;
		},
		credentials(apiKey = SECRET_API_KEY) {
			return { apiKey, baseUrl: emulator.url };
		},
		/** The chat requests that reached the emulator. */
		chatRequests() {
			return emulator.log.filter((entry) => entry.method === 'POST');
		},
		/**
		 * The log once no request is pending or hung (up to 3 s): a client that gave up is noticed
		 * a moment after it did.
		 */
		async settledLog(): Promise<RequestLogEntry[]> {
			const unsettled = () =>
				emulator.log.some((entry) => ['pending', 'hung'].includes(entry.outcome));
			for (let waited = 0; waited < 3000 && unsettled(); waited += 20) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			return emulator.log;
		},
	};
}
