// The Segmind API credential outside this package's nodes: n8n's HTTP Request node with
// "Predefined Credential Type" sends the same x-api-key header through it, in a real n8n.
import { DEMO_API_KEY, startEmulator, type Emulator } from '../../emulator/server';
import { e2eLine } from '../../scripts/n8n/e2e-line';
import { createSandbox, nodeJson, type N8nSandbox } from '../../scripts/n8n/sandbox';
import { link, manualTrigger } from './support/workflow-nodes';

const credential = { id: 'segmindHttpCred1', name: 'Segmind (emulator)' };

const workflow = (emulatorUrl: string) => ({
	id: 'segmindHttpNode1',
	name: 'Segmind credential in the HTTP Request node',
	nodes: [
		manualTrigger,
		{
			id: 'n2',
			name: 'Read Balance',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [200, 0],
			parameters: {
				url: `${emulatorUrl}/v1/get-user-credits`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'segmindApi',
				options: {},
			},
			credentials: { segmindApi: credential },
		},
	],
	connections: { Start: link('Read Balance') },
});

describe(`the Segmind API credential in n8n's HTTP Request node (n8n ${e2eLine()})`, () => {
	let emulator: Emulator;
	let sandbox: N8nSandbox;

	beforeAll(async () => {
		emulator = await startEmulator();
		sandbox = await createSandbox();
		await sandbox.importCredential({
			...credential,
			type: 'segmindApi',
			data: { apiKey: DEMO_API_KEY, baseUrl: emulator.url },
		});
		await sandbox.importWorkflow(workflow(emulator.url));
	});

	afterAll(async () => {
		await sandbox?.dispose();
		await emulator?.close();
	});

	test('sends the key as x-api-key and gets the balance', async () => {
		const run = await sandbox.execute('segmindHttpNode1');
		expect(nodeJson(run, 'Read Balance')).toEqual([{ credits: 1000, 'free-credits': 0.5 }]);
		expect(emulator.log.map(({ path, keyLabel, status }) => ({ path, keyLabel, status }))).toEqual([
			{ path: '/v1/get-user-credits', keyLabel: 'demo', status: 200 },
		]);
		expect(JSON.stringify(run)).not.toContain(DEMO_API_KEY);
	});
});
