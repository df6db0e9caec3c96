// The n8n editor a newcomer gets from `npm start` (startDemoStack: the emulator, n8n 2.41 with
// the package, the credential and the examples), driven in Chromium: sign in, run example 1,
// read the Segmind node's panel and options, find both nodes in the node creator, check that
// n8n offers its tool variant to AI agents, and open and run example 7, the Segmind Chat Model
// under an AI Agent; then the Segmind node: examples 11 (a video) and 9 (three images) run, their
// files in the output panel's Binary view, the Model list searched for "flux", and fields mode.
// Screenshots: test-results/browser/, or docs/ with SCREENSHOT_DIR=docs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';

import { startDemoStack, type DemoStack } from '../../scripts/stack/demo-stack';
import { readExamples, type Example } from '../../scripts/stack/examples';
import { CATALOG_ENTRIES } from '../../emulator/catalog';
import { launchChromium, newEditorPage } from './support/chromium';
import {
	addOptionNames,
	canvasEdge,
	canvasNode,
	closeNode,
	dismissToast,
	iconWidth,
	inputSlot,
	openNode,
	openWorkflow,
	pollUntil,
	runFromTrigger,
	screenshot,
	shownOption,
	signIn,
	zoomOut,
} from './support/editor';

const exampleNumbered = (number: number) =>
	readExamples().find(({ file }) => path.basename(file).startsWith(`${number}-`))!;
const example = exampleNumbered(1);
const agentExample = exampleNumbered(7);
const imagesExample = exampleNumbered(9);
const videoExample = exampleNumbered(11);
const imagesNode = 'Generate an image';
const imageModel = 'flux-schnell';
const videoNode = 'Animate the photo';
const segmind = 'Segmind GPT-4.5';
const chatModel = 'Segmind Chat Model';
const agent = 'AI Agent';
const manualTrigger = "When clicking 'Execute workflow'";

/** The id n8n gives a node of an imported example: the example file's own. */
function nodeId(workflow: { nodes: unknown[] }, name: string): string {
	const node = (workflow.nodes as Array<{ id: string; name: string }>).find(
		(candidate) => candidate.name === name,
	);
	if (!node) throw new Error(`The example has no node "${name}"`);
	return node.id;
}

// A first run installs n8n (minutes) inside startDemoStack.
const startTimeoutMs = 900_000;
// Each step waits for the editor, slow on two busy cores.
jest.setTimeout(300_000);

describe('the Segmind node in the n8n editor that npm start opens', () => {
	let userFolder: string;
	let stack: DemoStack | undefined;
	let browser: Browser | undefined;
	let page: Page;
	let panel: Locator;
	// What went wrong in the page: a script error, or a file of the package n8n failed to serve.
	const pageProblems: string[] = [];

	/** Opens an example on the canvas and checks one of the package's nodes there: subtitle, icon. */
	async function openExampleAt(shown: Example, name: string, subtitle: string): Promise<void> {
		await openWorkflow(page, stack!.url, shown.workflow.id);
		const node = canvasNode(page, name);
		await node.waitFor();

		expect(await node.innerText()).toContain(subtitle);
		// The package's icon, served by n8n from the installed package, loaded.
		expect(await iconWidth(node)).toBeGreaterThan(0);
	}

	beforeAll(async () => {
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-browser-'));
		const log: string[] = [];
		// `npm test` builds first; building here too would rewrite dist/ under other suites' feet.
		stack = await startDemoStack({
			userFolder,
			port: 0,
			build: false,
			// The emulator answers even when SEGMIND_API_KEY is set.
			apiKey: '',
			log: (line) => log.push(line),
		}).catch((error: Error) => {
			throw new Error(`${error.message}\n--- startDemoStack progress ---\n${log.join('\n')}`);
		});
		browser = await launchChromium();
		page = await newEditorPage(browser);
		page.on('pageerror', (error) => pageProblems.push(`script error: ${error.message}`));
		page.on('response', (response) => {
			if (response.url().includes('n8n-nodes-segmind') && !response.ok())
				pageProblems.push(`${response.status()} for ${response.url()}`);
		});
	}, startTimeoutMs);

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('signs in with the login npm start prints and lists the example workflows', async () => {
		await signIn(page, stack!.url, stack!.login);

		for (const { workflow } of readExamples())
			await page.getByText(workflow.name, { exact: true }).first().waitFor();
	});

	it('runs example 1 from its manual trigger: the emulator answers and the ok branch runs', async () => {
		await openExampleAt(example, segmind, 'Message gpt-4.5-preview');

		await runFromTrigger(page, manualTrigger);
		await dismissToast(page, 'Workflow executed successfully');
		for (const name of [segmind, 'Route by status', 'Use the answer'])
			await canvasNode(page, name).getByTestId('canvas-node-status-success').waitFor();
		for (const name of ['Top up Segmind credits', 'Report the failure']) {
			const success = canvasNode(page, name).getByTestId('canvas-node-status-success');
			expect(await success.count()).toBe(0);
		}
		await screenshot(page, 'workflow');
	});

	it("renders the node's parameters and its output", async () => {
		panel = await openNode(page, segmind);
		const parameters = panel.getByTestId('node-parameters');
		await parameters.waitFor();

		expect(await panel.getByTestId('node-title-container').innerText()).toContain(segmind);
		expect(await panel.getByTestId('credentials-label').innerText()).toContain('Credential');
		expect(await shownOption(panel.getByTestId('node-credentials-select'))).toBe(
			'Segmind (local emulator)',
		);
		expect(await shownOption(parameters.getByTestId('parameter-input-operation'))).toBe(
			'Message the Model',
		);
		expect(await shownOption(parameters.getByTestId('parameter-input-inputMode'))).toBe(
			'Define Below',
		);
		const messages = parameters.getByTestId('fixed-collection-messages');
		expect(await messages.innerText()).toMatch(/Role[\s\S]*Content/);
		expect(await shownOption(messages.getByTestId('parameter-input-role'))).toBe('User');
		expect(await messages.getByTestId('parameter-input-content').innerText()).toContain(
			'{{ $json.question }}',
		);
		expect(await parameters.innerText()).toMatch(/Messages[\s\S]*Options/);
		const addOption = parameters.getByTestId('collection-parameter-add').locator('input');
		expect(await addOption.getAttribute('placeholder')).toBe('Add Option');

		const output = panel.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"statusMessage"').waitFor();
		const json = await output.innerText();
		expect(json).toMatch(/"status":\s*"ok"/);
		expect(json).toMatch(/"reply":\s*"Echo \(gpt-4\.5-preview/);
		expect(json).toMatch(/"remainingCredits":\s*\d/);
		await screenshot(page, 'node-parameters');
	});

	it('lists every option under Add Option', async () => {
		// JSON Schema is not among them: it shows once Response Format is JSON Schema.
		expect(await addOptionNames(page, panel)).toEqual([
			'API Errors',
			'API Format',
			'Concurrency',
			'Extra Body Fields',
			'Images From Binary Fields',
			'Include Messages',
			'Include Raw Response',
			'Max Retries',
			'Max Wait on Rate Limits',
			'Maximum Number of Tokens',
			'Model',
			'Poll Interval',
			'Request Mode',
			'Requests per Minute',
			'Response Format',
			'Sampling Temperature',
			'System Message',
			'Timeout',
		]);
		await screenshot(page, 'node-options');
		await page.keyboard.press('Escape');
		await closeNode(page);
	});

	it('finds both nodes when "Segmind" is typed in the node creator', async () => {
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').waitFor();
		await page.keyboard.type('Segmind');

		const names = page.getByTestId('node-creator-item-name');
		for (const name of [segmind, chatModel])
			await names
				.filter({ hasText: new RegExp(`^${name}$`) })
				.waitFor({ timeout: 10_000 })
				.catch(async () => {
					await screenshot(page, 'node-search-failed', { failure: true });
					const shown = await names.allInnerTexts();
					throw new Error(`The node creator shows [${shown.join(', ')}] for "Segmind"`);
				});
		await screenshot(page, 'node-search');
	});

	it('offers the node to AI agents as a tool (n8n lists its ...Tool variant)', async () => {
		// The node types the editor loads, asked for with the browser's own session: n8n binds the
		// session cookie to the browser-id header the editor sends, kept in local storage.
		const browserId = (await page.evaluate('localStorage.getItem("n8n-browserId")')) as string;
		const response = await page.request.get(`${stack!.url}/types/nodes.json`, {
			headers: { 'browser-id': browserId },
		});
		expect(response.status()).toBe(200);
		const types = (await response.json()) as Array<{
			name: string;
			displayName: string;
			outputs: unknown;
		}>;
		const tool = types.find(({ name }) => name === 'n8n-nodes-segmind.segmindGpt45Tool');

		expect(types.map(({ name }) => name)).toContain('n8n-nodes-segmind.segmindGpt45');
		expect(tool).toMatchObject({
			displayName: 'Segmind GPT-4.5 Tool',
			outputs: ['ai_tool'],
		});
	});

	it("opens example 7 with the Segmind Chat Model in the AI Agent's Chat Model slot", async () => {
		// The chat model's subtitle is its model.
		await openExampleAt(agentExample, chatModel, 'gpt-4o');
		const slot = inputSlot(page, agent, 'ai_languageModel');
		expect(await slot.innerText()).toBe('Chat Model');
		// The canvas names an edge's path by its two handles: the model's ai_languageModel output
		// and the agent's ai_languageModel input.
		const modelId = nodeId(agentExample.workflow, chatModel);
		const agentId = nodeId(agentExample.workflow, agent);
		const paths = canvasEdge(page, chatModel, agent).locator('path.vue-flow__edge-path');
		expect(await paths.count()).toBe(1);
		expect(await paths.getAttribute('id')).toBe(
			`[${modelId}/outputs/ai_languageModel/0][${agentId}/inputs/ai_languageModel/0]-0`,
		);
	});

	it('runs example 7: the agent answers through the Segmind Chat Model and uses the Calculator', async () => {
		await runFromTrigger(page, manualTrigger);
		await dismissToast(page, 'Workflow executed successfully');
		for (const name of [manualTrigger, agent, chatModel, 'Simple Memory', 'Calculator'])
			await canvasNode(page, name).getByTestId('canvas-node-status-success').waitFor();

		// The click moves the pointer off the trigger, whose run button shows while it is over it.
		await zoomOut(page);
		await screenshot(page, 'agent-workflow');
	});

	it("renders the Segmind Chat Model's parameters: Model, and its Options", async () => {
		const modelPanel = await openNode(page, chatModel);
		const parameters = modelPanel.getByTestId('node-parameters');
		await parameters.waitFor();

		expect(await modelPanel.getByTestId('node-title-container').innerText()).toContain(chatModel);
		expect(await shownOption(modelPanel.getByTestId('node-credentials-select'))).toBe(
			'Segmind (local emulator)',
		);
		expect(
			await parameters.getByTestId('parameter-input-model').locator('input').inputValue(),
		).toBe('gpt-4o');
		expect(await parameters.innerText()).toMatch(/Model[\s\S]*Options/);
		expect(await addOptionNames(page, modelPanel)).toEqual([
			'API Format',
			'Extra Body Fields',
			'Max Retries',
			'Max Wait on Rate Limits',
			'Maximum Number of Tokens',
			'Poll Interval',
			'Request Mode',
			'Sampling Temperature',
			'Timeout',
		]);
		await page.keyboard.press('Escape');
		await closeNode(page);
	});

	it('lists the Segmind Chat Model under AI → Other AI Nodes → Language Models', async () => {
		await page.getByTestId('node-creator-plus-button').click();
		const creator = page.getByTestId('node-creator');
		const open = (view: string) =>
			creator
				.getByTestId('item-iterator-item')
				.filter({
					has: page.getByTestId('node-creator-item-name').getByText(view, { exact: true }),
				})
				.click();
		await open('AI');
		await open('Other AI Nodes');
		await open('Language Models');
		await creator.getByTestId('nodes-list-header').getByText('Language Models').waitFor();

		const names = creator.getByTestId('node-creator-item-name');
		await names.filter({ hasText: 'OpenAI Chat Model' }).first().waitFor();
		expect(await names.allInnerTexts()).toContain(chatModel);
		await page.keyboard.press('Escape');
	});

	/** The output panel of the open node in its Binary view, with the first item's files. */
	async function binaryOutput(): Promise<Locator> {
		const output = page.getByTestId('ndv').getByTestId('output-panel');
		await output.getByTestId('radio-button-binary').click();
		const first = output.getByTestId('ndv-binary-data_0');
		await first.first().waitFor();
		return output;
	}

	it('runs example 11, a photo into a video: the output panel lists a video/mp4 file', async () => {
		await openExampleAt(videoExample, videoNode, 'Run a model');
		const node = canvasNode(page, videoNode);

		await runFromTrigger(page, manualTrigger);
		await dismissToast(page, 'Workflow executed successfully');
		await node.getByTestId('canvas-node-status-success').waitFor();
		await openNode(page, videoNode);
		const output = await binaryOutput();

		const file = output.getByTestId('ndv-binary-data_0');
		expect(await file.count()).toBe(1);
		const shown = await file.innerText();
		expect(shown).toMatch(/^data\b/);
		expect(shown).toContain('video/mp4');
		await screenshot(page, 'segmind-video-output');
		await closeNode(page);
	});

	it('runs example 9, three prompts through flux-schnell: the output panel shows the images', async () => {
		await openExampleAt(imagesExample, imagesNode, 'Run a model');
		const node = canvasNode(page, imagesNode);

		await runFromTrigger(page, manualTrigger);
		await dismissToast(page, 'Workflow executed successfully');
		await node.getByTestId('canvas-node-status-success').waitFor();
		await openNode(page, imagesNode);
		const output = await binaryOutput();

		// One file per item (ndv-binary-data_<item>), each in the binary property "data".
		const files = output.locator('[data-test-id^="ndv-binary-data_"]');
		expect(await files.count()).toBe(3);
		for (const text of await files.allInnerTexts()) {
			expect(text).toMatch(/^data\b/);
			expect(text).toContain('image/png');
		}
		await files.first().getByTestId('ndv-view-binary-data').click();
		const image = page.locator('.binary-data-window img');
		await image.waitFor();
		const width = () => image.evaluate((img) => (img as { naturalWidth: number }).naturalWidth);
		expect(await pollUntil(width, (value) => value > 0)).toBe(512);
		await screenshot(page, 'segmind-image-output');
		await page.locator('.binary-data-window-back').click();
	});

	it('searches the Model list: "flux" finds the catalogue\'s flux models as title (slug)', async () => {
		const expected = CATALOG_ENTRIES.filter(
			({ slug, title, is_depreciated }) =>
				!is_depreciated && `${slug} ${title}`.toLowerCase().includes('flux'),
		).map(({ slug, title }) => `${title} (${slug})`);
		expect(expected).toEqual(
			expect.arrayContaining(['Flux.1 Schnell (flux-schnell)', 'Flux.1 Dev (flux-dev)']),
		);

		const locator = page.getByTestId('ndv').getByTestId('resource-locator-model');
		await locator.getByTestId('rlc-input').click();
		// The list opens in a popover at the page's end.
		const search = page.locator(
			'input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input',
		);
		await search.waitFor().catch(async (error: Error) => {
			await screenshot(page, 'segmind-model-list-failed', { failure: true });
			throw error;
		});
		await search.fill('flux');
		const items = page.getByTestId('rlc-item');
		const shown = async () => (await items.allInnerTexts()).map((text) => text.trim());
		const same = (names: string[]) => names.join('\n') === expected.join('\n');
		expect(await pollUntil(shown, same)).toEqual(expected);
		await screenshot(page, 'segmind-model-list');

		await items.filter({ hasText: `(${imageModel})` }).click();
		await search.waitFor({ state: 'hidden' });
	});

	it("shows the chosen model's catalogue parameters in fields mode", async () => {
		const parameters = page.getByTestId('ndv').getByTestId('node-parameters');
		await parameters.getByTestId('parameter-input-parametersMode').click();
		await page
			.getByRole('option', { name: 'Using Fields Below', exact: true })
			.or(page.locator('.el-select-dropdown__item:visible', { hasText: /^Using Fields Below$/ }))
			.first()
			.click();
		expect(await shownOption(parameters.getByTestId('parameter-input-parametersMode'))).toBe(
			'Using Fields Below',
		);

		const entry = CATALOG_ENTRIES.find(({ slug }) => slug === imageModel)!;
		const names = Object.keys(entry.parameters);
		expect(names).toEqual(['prompt', 'steps', 'seed', 'width', 'height']);
		const mapper = parameters.getByTestId('resource-mapper-container');
		await mapper.waitFor().catch(async (error: Error) => {
			await screenshot(page, 'segmind-fields-mode-failed', { failure: true });
			throw error;
		});
		for (const name of names)
			await mapper
				.getByTestId(`parameter-input-${name}`)
				.or(mapper.getByText(name, { exact: true }))
				.first()
				.waitFor();
		await screenshot(page, 'segmind-fields-mode');
	});

	it('saw no script error and no failed request for the package', () => {
		expect(pageProblems).toEqual([]);
	});
});
