// What the Segmind credential points at: the local emulator, or the real API when a key is given.
import { DEMO_API_KEY, startEmulator, type Emulator } from '../../emulator/server';
import type { CredentialSpec } from '../n8n/sandbox';

/** The credential id the example workflows refer to. */
export const credentialId = 'segmindEmulator1';

const realApi = 'https://api.segmind.com';

export interface Backend {
	/** For people to read; never holds the key. */
	description: string;
	credential: CredentialSpec;
	close(): Promise<void>;
}

export interface BackendOptions {
	/** A real Segmind API key; without one the emulator answers. */
	apiKey?: string;
	/** The emulator's port, or the next free one after it; 0 for any free port. */
	emulatorPort: number;
	onEmulatorRequest?: (line: string) => void;
}

const portsToTry = 20;

async function startEmulatorFrom(
	firstPort: number,
	onRequest?: (line: string) => void,
): Promise<Emulator> {
	const lastPort = firstPort === 0 ? 0 : firstPort + portsToTry - 1;
	for (let port = firstPort; ; port++) {
		try {
			return await startEmulator({
				port,
				host: '127.0.0.1',
				onRequest: onRequest && ((entry) => onRequest(`${entry.method} ${entry.path}`)),
			});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port >= lastPort) throw error;
		}
	}
}

export async function openBackend(options: BackendOptions): Promise<Backend> {
	if (options.apiKey) {
		return {
			description: `the real Segmind API (${realApi}, with your API key)`,
			credential: {
				id: credentialId,
				name: 'Segmind',
				type: 'segmindApi',
				data: { apiKey: options.apiKey, baseUrl: realApi },
			},
			close: async () => {},
		};
	}
	const emulator = await startEmulatorFrom(options.emulatorPort, options.onEmulatorRequest);
	return {
		description: `the local Segmind emulator (${emulator.url}, demo key, 1000 credits)`,
		credential: {
			id: credentialId,
			name: 'Segmind (local emulator)',
			type: 'segmindApi',
			data: { apiKey: DEMO_API_KEY, baseUrl: emulator.url },
		},
		close: () => emulator.close(),
	};
}
