// The five workflows in examples/, imported into a real n8n (2.x; E2E_N8N_LINE=v1 for 1.x) as a
// user would, run from their Manual Trigger against the local Segmind emulator; then the
// failures users meet, run through copies of the examples' own Switch and IF.
import * as fs from 'fs';
import * as path from 'path';

import {
	DEMO_API_KEY,
	NO_BALANCE_API_KEY,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
	type RequestLogEntry,
} from '../../emulator/server';
import { e2eLine } from '../../scripts/n8n/e2e-line';
import {
	createSandbox,
	nodeItems,
	nodeJson,
	type N8nSandbox,
	type WorkflowRun,
} from '../../scripts/n8n/sandbox';
import {
	exampleBranch,
	exampleFiles,
	examplesDir,
	loadExample,
	workflowOfBranches,
	type WorkflowNode,
} from './example-workflows';
import { NO_BALANCE_RECORD_CREDITS, NOT_ENOUGH_CREDITS } from '../support/expectedStatus';

const model = 'gpt-4.5-preview';
const chatPath = `/v1/${model}`;
const creditsPath = '/v1/get-user-credits';

// The examples' own credential reference; only its baseUrl (the emulator's port) is ours.
const demoCredential = { id: 'segmindEmulator1', name: 'Segmind (local emulator)' };
const noCreditsCredential = 'segmindNoCredits';
const noBalanceCredential = 'segmindNoBalance';
const keys = [DEMO_API_KEY, NO_CREDITS_API_KEY, NO_BALANCE_API_KEY];

const examples = {
	statusSwitch: loadExample('statusSwitch'),
	twoTurns: loadExample('twoTurns'),
	itemsConversation: loadExample('itemsConversation'),
	creditCheck: loadExample('creditCheck'),
	describeImage: loadExample('describeImage'),
	queuedAnswer: loadExample('queuedAnswer'),
};

// Example 5 fetches the sample image of the emulator on its usual port; here the emulator has
// a port of its own, so the copy imported points there (the one change a user makes too).
const imageNode = 'Fetch the image';
const sampleUrl = 'http://127.0.0.1:4010/samples/cat.png';
function pointImageAt(emulatorUrl: string) {
	const node = examples.describeImage.nodes.find((candidate) => candidate.name === imageNode)!;
	expect(node.parameters.url).toBe(sampleUrl);
	node.parameters.url = `${emulatorUrl}/samples/cat.png`;
}

const imageQuestion = 'Describe this picture for a product catalogue.';
const imageSystem = 'You describe images briefly and factually.';
/** What the emulator answers a JSON Schema request of example 5 with. */
const imageDescription = (slug: string) => {
	const line = `Echo (${slug}, 2 messages, 1 images): ${imageQuestion}`;
	return { description: line, objects: [line], hasAnimal: true };
};
const words = (text: string) => text.split(/\s+/).filter((word) => word !== '').length;

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK' };
const serverError = {
	success: false,
	statusCode: 500,
	status: 'server_error',
	statusMessage: 'Server had some issue with processing',
};
const noAnswer = { reply: null, usage: null, finishReason: null, model, apiFormat: 'openai' };

/** What the emulator received, without timings. */
const received = (log: RequestLogEntry[]) =>
	log.map(({ method, path: requestPath, keyLabel, body, status, outcome }) => ({
		method,
		path: requestPath,
		keyLabel,
		body,
		status,
		outcome,
	}));

const chat = (keyLabel: string, messages: unknown[], status: number) => ({
	method: 'POST',
	path: chatPath,
	keyLabel,
	body: { messages },
	status,
	outcome: 'answered',
});

const credits = (keyLabel: string, status: number) => ({
	method: 'GET',
	path: creditsPath,
	keyLabel,
	body: null,
	status,
	outcome: 'answered',
});

const user = (content: string) => ({ role: 'user', content });
const system = (content: string) => ({ role: 'system', content });
const assistant = (content: string) => ({ role: 'assistant', content });

/** Names of the nodes that ran, in no particular order. */
const ranNodes = (run: WorkflowRun) => Object.keys(run.data.resultData.runData).sort();

/** The item lists of every output of a node, to see which branch each item took. */
const outputs = (run: WorkflowRun, node: string, count: number) =>
	Array.from({ length: count }, (_, output) => nodeJson(run, node, { output }));

// The test-only workflow: each case is a branch off one Manual Trigger.
const casesId = 'segmindCases0001';
const stopOnErrors = 'Ask, stop on API errors';
const failingQuestion = 'Will this fail? #emulate:500';
// The question example 1 asks.
const examplesQuestion = 'Give me one tip for a productive morning, in one sentence.';
// The second fails on the server, the third is bad input (empty content): no request for it.
const questions = [
	'What is two plus two?',
	'And now? #emulate:500',
	'',
	'What is three plus three?',
];

function casesWorkflow() {
	const askQuestion = (question: string) => (node: WorkflowNode) => {
		const assignments = (node.parameters.assignments as { assignments: Array<{ value: string }> })
			.assignments;
		assignments[0].value = question;
	};
	const branches = [
		exampleBranch(examples.statusSwitch, {
			prefix: 'Server error: ',
			y: 0,
			edit: { Question: askQuestion(failingQuestion) },
		}),
		exampleBranch(examples.statusSwitch, {
			prefix: 'No credits: ',
			y: 500,
			credentialId: noCreditsCredential,
		}),
		exampleBranch(examples.creditCheck, {
			prefix: 'Empty account: ',
			y: 1000,
			credentialId: noCreditsCredential,
		}),
		exampleBranch(examples.creditCheck, {
			prefix: 'No balance record: ',
			y: 1400,
			credentialId: noBalanceCredential,
		}),
		exampleBranch(examples.describeImage, {
			prefix: 'Gemini: ',
			y: 2400,
			edit: {
				'Describe the image': (node) => {
					(node.parameters.options as Record<string, unknown>).model = 'gemini-2.5-pro';
				},
			},
		}),
	];
	const y = 1800;
	const node = (name: string, type: string, typeVersion: number, x: number, dy = 0) => ({
		id: `case-${name}`,
		name,
		type,
		typeVersion,
		position: [x, y + dy] as [number, number],
		parameters: {},
	});
	const stopBranch = {
		nodes: [
			{
				...node('Questions', 'n8n-nodes-base.code', 2, 260),
				parameters: {
					jsCode: `return ${JSON.stringify(questions)}.map((question) => ({ json: { question } }));`,
				},
			},
			{
				...node(stopOnErrors, 'n8n-nodes-segmind.segmindGpt45', 1, 500),
				parameters: {
					operation: 'message',
					messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
					options: { apiErrors: 'throw', maxRetries: 0, concurrency: 1 },
				},
				credentials: { segmindApi: demoCredential },
				onError: 'continueErrorOutput',
			},
			node('Answered', 'n8n-nodes-base.noOp', 1, 760, -100),
			node('Failed', 'n8n-nodes-base.noOp', 1, 760, 100),
		],
		connections: {
			Questions: { main: [[{ node: stopOnErrors, type: 'main', index: 0 }]] },
			[stopOnErrors]: {
				main: [
					[{ node: 'Answered', type: 'main', index: 0 }],
					[{ node: 'Failed', type: 'main', index: 0 }],
				],
			},
		},
		entries: ['Questions'],
	};
	return workflowOfBranches(casesId, 'Segmind e2e: what users meet', branches, stopBranch);
}

const line = e2eLine();

describe(`the examples in a real n8n (${line})`, () => {
	let emulator: Emulator;
	let sandbox: N8nSandbox;

	/** Runs a workflow on a fresh emulator state; the keys must not show in anything n8n printed. */
	async function execute(workflowId: string) {
		emulator.reset();
		const run = await sandbox.execute(workflowId);
		for (const key of keys) {
			expect(sandbox.lastOutput).not.toContain(key);
			expect(JSON.stringify(run)).not.toContain(key);
		}
		return { run, requests: received(emulator.log), log: [...emulator.log] };
	}

	let png: string;

	beforeAll(async () => {
		emulator = await startEmulator();
		pointImageAt(emulator.url);
		png = Buffer.from(await (await fetch(`${emulator.url}/samples/cat.png`)).arrayBuffer()).toString(
			'base64',
		);
		sandbox = await createSandbox();
		const credential = (id: string, name: string, apiKey: string) => ({
			id,
			name,
			type: 'segmindApi',
			data: { apiKey, baseUrl: emulator.url },
		});
		await sandbox.importCredentials([
			credential(demoCredential.id, demoCredential.name, DEMO_API_KEY),
			credential(noCreditsCredential, 'Segmind (no credits)', NO_CREDITS_API_KEY),
			credential(noBalanceCredential, 'Segmind (no balance record)', NO_BALANCE_API_KEY),
		]);
		await sandbox.importWorkflows([...Object.values(examples), casesWorkflow()]);
	});

	afterAll(async () => {
		await sandbox?.dispose();
		await emulator?.close();
	});

	test('examples/ holds the workflows; those of the Segmind GPT-4.5 node each start at their Manual Trigger, with node versions this n8n has', () => {
		const workflowFiles = fs.readdirSync(examplesDir).filter((file) => file.endsWith('.json'));
		expect(workflowFiles.sort()).toEqual(Object.values(exampleFiles).sort());
		const nodesJson = path.join(
			sandbox.install.release.installDir,
			'node_modules/n8n-nodes-base/dist/types/nodes.json',
		);
		const known = new Map<string, number[]>();
		for (const type of JSON.parse(fs.readFileSync(nodesJson, 'utf8')) as Array<{
			name: string;
			version: number | number[];
		}>) {
			const versions = known.get(type.name) ?? [];
			known.set(type.name, versions.concat(type.version));
		}
		for (const example of Object.values(examples)) {
			// `n8n execute` starts at the first trigger in the node list, whatever it is asked.
			const firstTrigger = example.nodes.find((node) => /trigger$/i.test(node.type));
			expect(firstTrigger?.type).toBe('n8n-nodes-base.manualTrigger');
			for (const node of example.nodes) {
				const credentials = Object.values(node.credentials ?? {});
				if (node.type === 'n8n-nodes-segmind.segmindGpt45') {
					expect({ node: node.name, typeVersion: node.typeVersion, credentials }).toEqual({
						node: node.name,
						typeVersion: 1,
						credentials: [demoCredential],
					});
					continue;
				}
				const name = node.type.replace(/^n8n-nodes-base\./, '');
				expect({ node: node.name, versions: known.get(name) }).toEqual({
					node: node.name,
					versions: expect.arrayContaining([node.typeVersion]),
				});
			}
		}
	});

	test('1: the question is answered and the Switch takes the ok branch', async () => {
		const { run, requests } = await execute(examples.statusSwitch.id);
		const question = examplesQuestion;
		const reply = `Echo (${model}, 1 messages): ${question}`;

		expect(nodeItems(run, 'Segmind GPT-4.5')).toEqual([
			{
				json: {
					...ok,
					reply,
					messages: [user(question), assistant(reply)],
					remainingCredits: 1000.25,
					usage: { promptTokens: 11, completionTokens: 15, totalTokens: 26 },
					finishReason: 'stop',
					model,
					apiFormat: 'openai',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(outputs(run, 'Route by status', 3).map((items) => items.length)).toEqual([1, 0, 0]);
		expect(nodeJson(run, 'Use the answer')).toEqual([{ answer: reply, creditsLeft: 1000.25 }]);
		expect(ranNodes(run)).toEqual(
			[
				"When clicking 'Execute workflow'",
				'Question',
				'Segmind GPT-4.5',
				'Route by status',
				'Use the answer',
			].sort(),
		);
		expect(requests).toEqual([chat('demo', [user(question)], 200)]);
	});

	test('2: the second node continues the conversation the first one returned', async () => {
		const { run, requests } = await execute(examples.twoTurns.id);
		const guide = system('You are a concise travel guide.');
		const first = user('Suggest one city to visit in Portugal.');
		const firstReply = `Echo (${model}, 2 messages): Suggest one city to visit in Portugal.`;
		const followUp = user('What should I eat there?');
		const secondReply = `Echo (${model}, 4 messages): What should I eat there?`;
		const conversation = [guide, first, assistant(firstReply), followUp];

		expect(nodeItems(run, 'Ask the first question')).toEqual([
			{
				json: {
					...ok,
					reply: firstReply,
					messages: [guide, first, assistant(firstReply)],
					remainingCredits: 1000.25,
					usage: { promptTokens: 13, completionTokens: 11, totalTokens: 24 },
					finishReason: 'stop',
					model,
					apiFormat: 'openai',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(nodeJson(run, 'Add a follow-up question')).toEqual([{ messages: conversation }]);
		expect(nodeItems(run, 'Ask the follow-up')).toEqual([
			{
				json: {
					...ok,
					reply: secondReply,
					messages: [...conversation, assistant(secondReply)],
					remainingCredits: 1000,
					usage: { promptTokens: 29, completionTokens: 9, totalTokens: 38 },
					finishReason: 'stop',
					model,
					apiFormat: 'openai',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(requests).toEqual([chat('demo', [guide, first], 200), chat('demo', conversation, 200)]);
	});

	test('3: four items become one conversation and one output item paired with all of them', async () => {
		const { run, requests } = await execute(examples.itemsConversation.id);
		const conversation = [
			system('You answer in one short sentence.'),
			user('I am planning a weekend in Lisbon.'),
			assistant('Great choice! What would you like to know?'),
			user('Which neighbourhood should I stay in?'),
		];
		const reply = `Echo (${model}, 4 messages): Which neighbourhood should I stay in?`;

		expect(nodeJson(run, 'Conversation as items')).toEqual(conversation);
		expect(nodeItems(run, 'Answer the conversation')).toEqual([
			{
				json: {
					...ok,
					reply,
					messages: [...conversation, assistant(reply)],
					remainingCredits: 1000.25,
					usage: { promptTokens: 27, completionTokens: 10, totalTokens: 37 },
					finishReason: 'stop',
					model,
					apiFormat: 'openai',
				},
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }],
			},
		]);
		expect(requests).toEqual([chat('demo', conversation, 200)]);
	});

	test('4: the balance is read and the IF takes the "Enough credits" branch', async () => {
		const { run, requests } = await execute(examples.creditCheck.id);

		expect(nodeItems(run, 'Check Segmind credits')).toEqual([
			{
				json: {
					...ok,
					credits: 1000,
					freeCredits: 0.5,
					totalCredits: 1000.5,
					remainingCredits: 1000.5,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(outputs(run, 'Fewer than 100 credits?', 2).map((items) => items.length)).toEqual([0, 1]);
		expect(ranNodes(run)).toEqual(
			[
				"When clicking 'Execute workflow'",
				'Check Segmind credits',
				'Fewer than 100 credits?',
				'Enough credits',
			].sort(),
		);
		expect(requests).toEqual([credits('demo', 200)]);
	});

	test('5: the fetched image is described by claude-4-sonnet in its own format, the JSON reply parsed, the Switch takes ok', async () => {
		const { run, requests } = await execute(examples.describeImage.id);
		const slug = 'claude-4-sonnet';
		const description = imageDescription(slug);
		const reply = JSON.stringify(description);

		expect(nodeItems(run, 'Describe the image')).toEqual([
			{
				json: {
					...ok,
					reply,
					json: description,
					remainingCredits: 1000.25,
					usage: {
						promptTokens: words(imageSystem) + words(imageQuestion),
						completionTokens: words(reply),
						totalTokens: words(imageSystem) + words(imageQuestion) + words(reply),
					},
					finishReason: 'end_turn',
					model: slug,
					apiFormat: 'anthropic',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(outputs(run, 'Route by status', 3).map((items) => items.length)).toEqual([1, 0, 0]);
		expect(nodeJson(run, 'Use the description')).toEqual([
			{ description: description.description, objects: description.objects, creditsLeft: 1000.25 },
		]);
		expect(requests).toEqual([
			{
				method: 'POST',
				path: `/v1/${slug}`,
				keyLabel: 'demo',
				body: {
					instruction: imageSystem,
					messages: [
						{
							role: 'user',
							content: [
								{ type: 'text', text: imageQuestion },
								{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
							],
						},
					],
					response_format: {
						type: 'json_schema',
						json_schema: {
							name: 'response',
							schema: JSON.parse(
								(examples.describeImage.nodes.find((node) => node.name === 'Describe the image')!
									.parameters.options as { jsonSchema: string }).jsonSchema,
							),
							strict: true,
						},
					},
				},
				status: 200,
				outcome: 'answered',
			},
		]);
	});

	describe('what users meet (one run, each case a branch)', () => {
		let run: WorkflowRun;
		let requests: ReturnType<typeof received>;
		let log: RequestLogEntry[];

		beforeAll(async () => {
			({ run, requests, log } = await execute(casesId));
		});

		test('a server error is retried twice, then routed to the Switch\'s "anything else" branch', () => {
			const failed = {
				...serverError,
				...noAnswer,
				remainingCredits: 1000.5,
				error: 'Internal server error',
			};
			expect(nodeItems(run, 'Server error: Segmind GPT-4.5')).toEqual([
				{ json: failed, pairedItem: { item: 0 } },
			]);
			expect(outputs(run, 'Server error: Route by status', 3)).toEqual([[], [], [failed]]);
			expect(nodeJson(run, 'Server error: Report the failure')).toEqual([
				{
					alert:
						'Segmind request failed: Server had some issue with processing (server_error): Internal server error',
				},
			]);
			const attempts = log.filter(
				(entry) => entry.body && JSON.stringify(entry.body).includes(failingQuestion),
			);
			expect(received(attempts)).toEqual(
				Array.from({ length: 3 }, () => chat('demo', [user(failingQuestion)], 500)),
			);
			// Backoff: 500 ms before the first retry, 1000 ms before the second (plus jitter).
			const gaps = attempts
				.slice(1)
				.map((entry, index) => entry.receivedAt - attempts[index].receivedAt);
			expect(gaps[0]).toBeGreaterThanOrEqual(500);
			expect(gaps[1]).toBeGreaterThanOrEqual(1000);
		});

		test("an account without credits gets 406, insufficient_credits, and the Switch's insufficient_credits branch", () => {
			const refused = { ...noAnswer, ...NOT_ENOUGH_CREDITS };
			expect(nodeItems(run, 'No credits: Segmind GPT-4.5')).toEqual([
				{ json: refused, pairedItem: { item: 0 } },
			]);
			expect(outputs(run, 'No credits: Route by status', 3)).toEqual([[], [refused], []]);
			expect(nodeJson(run, 'No credits: Top up Segmind credits')).toEqual([refused]);
		});

		test('the credit check of an empty account takes the IF\'s "Top up credits" branch', () => {
			const empty = {
				...ok,
				credits: 0,
				freeCredits: 0,
				totalCredits: 0,
				remainingCredits: 0,
			};
			expect(nodeItems(run, 'Empty account: Check Segmind credits')).toEqual([
				{ json: empty, pairedItem: { item: 0 } },
			]);
			expect(outputs(run, 'Empty account: Fewer than 100 credits?', 2)).toEqual([[empty], []]);
			expect(nodeJson(run, 'Empty account: Top up credits')).toEqual([empty]);
		});

		test('a failed credit check (no balance record, 404) has null totals and takes the top-up branch too', () => {
			const failed = NO_BALANCE_RECORD_CREDITS;
			expect(nodeItems(run, 'No balance record: Check Segmind credits')).toEqual([
				{ json: failed, pairedItem: { item: 0 } },
			]);
			expect(outputs(run, 'No balance record: Fewer than 100 credits?', 2)).toEqual([[failed], []]);
		});

		// n8n sends an item to the error output when its json is {error}, {error, message} or, only
		// since n8n-io/n8n#35939 (in 2.41, not in 1.123), {error, details}; it lays the item over
		// its input item on the way, so `question` comes back. On 1.x an API failure's
		// {error, details} therefore stays on the main output.
		const detailsReachErrorOutput = line === 'v2';
		test(`"Stop With an Error" under "Continue (using error output)": ${
			detailsReachErrorOutput
				? 'API failures and bad input go to the error output'
				: 'bad input goes to the error output, an API failure stays on the main output (n8n 1.x)'
		}`, () => {
			const answer = (index: number, remainingCredits: number) => {
				const reply = `Echo (${model}, 1 messages): ${questions[index]}`;
				return {
					json: {
						...ok,
						reply,
						messages: [user(questions[index]), assistant(reply)],
						remainingCredits,
						usage: { promptTokens: 5, completionTokens: 9, totalTokens: 14 },
						finishReason: 'stop',
						model,
						apiFormat: 'openai',
					},
					pairedItem: { item: index },
				};
			};
			const apiFailure = {
				error: 'Server had some issue with processing [server_error]',
				details: {
					statusCode: 500,
					status: 'server_error',
					statusMessage: 'Server had some issue with processing',
					remainingCredits: 1000.25,
					error: 'Internal server error',
				},
			};
			const badInput = {
				json: {
					question: questions[2],
					error: 'messages[0].content is empty: a message needs some text',
				},
				pairedItem: { item: 2 },
			};

			if (detailsReachErrorOutput) {
				expect(outputs(run, stopOnErrors, 2).map((items) => items.length)).toEqual([2, 2]);
				expect(nodeItems(run, stopOnErrors, { output: 0 })).toEqual([
					answer(0, 1000.25),
					answer(3, 1000),
				]);
				expect(nodeItems(run, stopOnErrors, { output: 1 })).toEqual([
					{ json: { question: questions[1], ...apiFailure }, pairedItem: { item: 1 } },
					badInput,
				]);
				expect(nodeJson(run, 'Failed').map((item) => item.error)).toEqual([
					apiFailure.error,
					badInput.json.error,
				]);
			} else {
				expect(nodeItems(run, stopOnErrors, { output: 0 })).toEqual([
					answer(0, 1000.25),
					{ json: apiFailure, pairedItem: { item: 1 } },
					answer(3, 1000),
				]);
				expect(nodeItems(run, stopOnErrors, { output: 1 })).toEqual([badInput]);
				expect(nodeJson(run, 'Failed').map((item) => item.error)).toEqual([badInput.json.error]);
			}
			expect(nodeJson(run, 'Answered')).toEqual(nodeJson(run, stopOnErrors, { output: 0 }));
		});

		test('example 5 with a gemini-* slug sends the Gemini format and takes the ok branch', () => {
			const description = imageDescription('gemini-2.5-pro');
			expect(nodeJson(run, 'Gemini: Describe the image')).toEqual([
				expect.objectContaining({
					...ok,
					json: description,
					model: 'gemini-2.5-pro',
					apiFormat: 'gemini',
				}),
			]);
			expect(outputs(run, 'Gemini: Route by status', 3).map((items) => items.length)).toEqual([
				1, 0, 0,
			]);
			const sent = log.find((entry) => entry.path === '/v1/gemini-2.5-pro');
			expect(sent?.body).toMatchObject({
				messages: {
					system_instruction: { parts: { text: imageSystem } },
					contents: [
						{
							role: 'user',
							parts: [{ text: imageQuestion }, { inlineData: { mimeType: 'image/png', data: png } }],
						},
					],
				},
				response_format: { type: 'json_schema' },
			});
		});

		test('the run succeeded, and the emulator got exactly the requests the cases make', () => {
			expect(run.status).toBe('success');
			const byBody = <T>(entries: T[]) =>
				[...entries].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
			const gemini = requests.filter((request) => request.path === '/v1/gemini-2.5-pro');
			expect(gemini.map(({ status, outcome }) => ({ status, outcome }))).toEqual([
				{ status: 200, outcome: 'answered' },
			]);
			expect(byBody(requests.filter((request) => !gemini.includes(request)))).toEqual(
				byBody([
					...Array.from({ length: 3 }, () => chat('demo', [user(failingQuestion)], 500)),
					chat('no-credits', [user(examplesQuestion)], 406),
					credits('no-credits', 200),
					credits('no-balance', 404),
					chat('demo', [user(questions[0])], 200),
					chat('demo', [user(questions[1])], 500),
					chat('demo', [user(questions[3])], 200),
				]),
			);
		});
	});
});
