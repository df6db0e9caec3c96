import { defaultKeys } from '../../emulator/keys';
import { startEmulator, type Emulator } from '../../emulator/server';

/** A key only these tests know, to prove it never leaks into outputs or errors. */
export const SECRET_API_KEY = 'SG_engine_secret_key_7f3a9c';

/**
 * One emulator per test file, with the well-known keys and the secret one (500 credits);
 * balances and the request log are restored before each test.
 */
export function useEmulator() {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({
			keys: { ...defaultKeys(), [SECRET_API_KEY]: { credits: 500, label: 'secret' } },
		});
	});
	beforeEach(() => emulator.reset());
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
	};
}
