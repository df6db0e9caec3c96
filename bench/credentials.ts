// The emulator keys and n8n credentials of the bench: one key per sender, so the emulator's log
// tells the nodes apart.
import type { CredentialSpec } from '../scripts/n8n/sandbox';
import type { CredentialRef } from './workflow';

export const KEYS = {
	segmind: { key: 'SG_bench_segmind_node_key', label: 'segmind-node' },
	floor: { key: 'SG_bench_floor_node_key', label: 'floor-node' },
	http: { key: 'SG_bench_http_request_key', label: 'http-request' },
	paced: { key: 'SG_bench_paced_50rpm_key', label: 'paced-50rpm' },
};
export const PACED_LIMIT_PER_MINUTE = 50;

export function emulatorKeys() {
	const funded = { credits: 1e9, freeCredits: 0 };
	return {
		[KEYS.segmind.key]: { ...funded, label: KEYS.segmind.label },
		[KEYS.floor.key]: { ...funded, label: KEYS.floor.label },
		[KEYS.http.key]: { ...funded, label: KEYS.http.label },
		[KEYS.paced.key]: {
			...funded,
			label: KEYS.paced.label,
			requestsPerMinute: PACED_LIMIT_PER_MINUTE,
		},
	};
}

export const CREDENTIALS: Record<keyof typeof KEYS, CredentialRef> = {
	segmind: { id: 'benchSegmindCred', name: 'Segmind (bench)' },
	floor: { id: 'benchFloorCred01', name: 'Segmind, floor node (bench)' },
	http: { id: 'benchHeaderAuth01', name: 'x-api-key (bench)' },
	paced: { id: 'benchPacedCred01', name: 'Segmind 50/min (bench)' },
};

export function credentialSpecs(emulatorUrl: string): CredentialSpec[] {
	const segmind = (which: 'segmind' | 'floor' | 'paced') => ({
		...CREDENTIALS[which],
		type: 'segmindApi',
		data: { apiKey: KEYS[which].key, baseUrl: emulatorUrl },
	});
	return [
		segmind('segmind'),
		segmind('floor'),
		segmind('paced'),
		{
			...CREDENTIALS.http,
			type: 'httpHeaderAuth',
			data: { name: 'x-api-key', value: KEYS.http.key },
		},
	];
}
