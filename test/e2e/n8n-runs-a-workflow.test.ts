// Proves the driver on a real n8n (2.x; E2E_N8N_LINE=v1 for 1.x) with built-in nodes only:
// credentials and workflows go in through n8n's CLI, a run comes back typed, failures surface,
// the server starts and stops.
import * as http from 'http';
import type { AddressInfo } from 'net';

import { e2eLine } from '../../scripts/n8n/e2e-line';
import {
	createSandbox,
	nodeError,
	nodeExecutionTime,
	nodeItems,
	nodeJson,
	N8nCommandError,
	type N8nSandbox,
	type WorkflowJson,
} from '../../scripts/n8n/sandbox';
import { link, manualTrigger } from './support/workflow-nodes';

jest.setTimeout(300_000);

const secret = 'smoke-secret-value';

/** Answers every request with the header the credential should have added. */
async function startEchoServer() {
	const server = http.createServer((request, response) => {
		response.setHeader('content-type', 'application/json');
		response.end(
			JSON.stringify({ path: request.url, sawKey: request.headers['x-api-key'] === secret }),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}


function happyWorkflow(echoUrl: string): WorkflowJson {
	return {
		id: 'smokeHappy000001',
		name: 'Smoke: items and a credential',
		nodes: [
			manualTrigger,
			{
				id: 'n2',
				name: 'Make Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: 'return [{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }];',
				},
			},
			{
				id: 'n3',
				name: 'Double',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [400, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'x', name: 'doubled', value: '={{ $json.a * 2 }}', type: 'number' },
						],
					},
					includeOtherFields: true,
					options: {},
				},
			},
			{
				id: 'n4',
				name: 'Call With Key',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [200, 200],
				parameters: {
					url: `${echoUrl}/ping`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					options: {},
				},
				credentials: { httpHeaderAuth: { id: 'smokeCred0000001', name: 'Smoke key' } },
			},
		],
		connections: {
			Start: {
				main: [
					[
						{ node: 'Make Items', type: 'main', index: 0 },
						{ node: 'Call With Key', type: 'main', index: 0 },
					],
				],
			},
			'Make Items': link('Double'),
		},
	};
}

const failingWorkflow: WorkflowJson = {
	id: 'smokeFails000001',
	name: 'Smoke: a node fails',
	nodes: [
		manualTrigger,
		{
			id: 'n2',
			name: 'Fail',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: "throw new Error('smoke failure on purpose');" },
		},
	],
	connections: { Start: link('Fail') },
};

/** 10,000 items of 200 characters: a run of megabytes, far more than a pipe's 64 KiB buffer. */
const bigWorkflow: WorkflowJson = {
	id: 'smokeBigRun00001',
	name: 'Smoke: a big run',
	nodes: [
		manualTrigger,
		{
			id: 'n2',
			name: 'Many Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: {
				jsCode:
					"return Array.from({ length: 10000 }, (_, i) => ({ json: { i, text: 'x'.repeat(200) } }));",
			},
		},
	],
	connections: { Start: link('Many Items') },
};

describe(`the n8n driver on n8n ${e2eLine()}`, () => {
	let sandbox: N8nSandbox;
	let echo: Awaited<ReturnType<typeof startEchoServer>>;

	beforeAll(async () => {
		echo = await startEchoServer();
		sandbox = await createSandbox({ withPackage: false });
		await sandbox.importCredential({
			id: 'smokeCred0000001',
			name: 'Smoke key',
			type: 'httpHeaderAuth',
			data: { name: 'x-api-key', value: secret },
		});
		await sandbox.importWorkflows([happyWorkflow(echo.url), failingWorkflow, bigWorkflow]);
	});

	afterAll(async () => {
		await sandbox?.dispose();
		echo?.server.close();
	});

	it('executes a workflow and returns every node output with its pairing and timing', async () => {
		const run = await sandbox.execute('smokeHappy000001');

		expect(run.status).toBe('success');
		expect(nodeJson(run, 'Double')).toEqual([
			{ a: 1, doubled: 2 },
			{ a: 2, doubled: 4 },
			{ a: 3, doubled: 6 },
		]);
		expect(nodeItems(run, 'Double').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(nodeExecutionTime(run, 'Double')).toBeGreaterThanOrEqual(0);
		// The credential was imported from plain data: n8n encrypted it, decrypted it and sent it.
		expect(nodeJson(run, 'Call With Key')).toEqual([{ path: '/ping', sawKey: true }]);
		expect(() => nodeItems(run, 'No Such Node')).toThrow('Node "No Such Node" did not run');
	});

	it('reads a run of megabytes whole', async () => {
		const run = await sandbox.execute('smokeBigRun00001');

		const items = nodeJson(run, 'Many Items');
		expect(items).toHaveLength(10000);
		expect(items[9999]).toEqual({ i: 9999, text: 'x'.repeat(200) });
	});

	it("turns a failed run into an error carrying n8n's message and log", async () => {
		const failure = sandbox.execute('smokeFails000001');

		await expect(failure).rejects.toThrow(N8nCommandError);
		await expect(failure).rejects.toThrow(
			/status "error", expected "success": smoke failure on purpose/,
		);
	});

	it('returns a failed run when the caller expects the failure', async () => {
		const run = await sandbox.execute('smokeFails000001', { expectStatus: 'error' });

		expect(run.data.resultData.error?.message).toContain('smoke failure on purpose');
		expect(nodeError(run, 'Fail')?.message).toContain('smoke failure on purpose');
	});

	it('refuses what n8n cannot run', async () => {
		await expect(sandbox.importWorkflow({ ...failingWorkflow, id: '' })).rejects.toThrow(
			'has no id',
		);
		// n8n 2.x skips a file without connections, says so and exits 0; 1.x fails on it.
		const invalid = { ...failingWorkflow, id: 'smokeInvalid0001', connections: undefined as never };
		await expect(sandbox.importWorkflow(invalid)).rejects.toThrow(
			/could not import the workflows smokeInvalid0001/,
		);
		await expect(sandbox.execute('noSuchWorkflow01')).rejects.toThrow(
			/printed no run for workflow noSuchWorkflow01/,
		);
	});

	it('starts the server, lists the node types it offers, and stops it', async () => {
		const url = await sandbox.start();

		expect((await fetch(`${url}/healthz`)).status).toBe(200);
		const types = await sandbox.nodeTypes();
		expect(types).toContain('n8n-nodes-base.set');
		// n8n offers usableAsTool nodes to agents under a derived ...Tool type.
		expect(types).toContain('n8n-nodes-base.httpRequestTool');

		await sandbox.stop();
		await expect(fetch(`${url}/healthz`)).rejects.toThrow();
	});
});
