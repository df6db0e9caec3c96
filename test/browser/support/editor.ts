// Steps in n8n's editor (2.41), found by the data-test-id attributes n8n renders.
import * as fs from 'fs';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import type { Locator, Page } from 'playwright-core';

import { repoRoot } from '../../../scripts/n8n/releases';

export interface Login {
	email: string;
	password: string;
}

export async function signIn(page: Page, url: string, login: Login): Promise<void> {
	await page.goto(`${url}/signin`);
	const form = page.getByTestId('signin-form');
	await form.locator('input[name="emailOrLdapLoginId"]').fill(login.email);
	await form.locator('input[name="password"]').fill(login.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}

export function canvasNode(page: Page, name: string): Locator {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/** How wide the node's icon loaded: 0 when n8n could not serve the package's icon file. */
export async function iconWidth(node: Locator): Promise<number> {
	return await node
		.locator('img')
		.evaluate((img) => (img as { naturalWidth: number }).naturalWidth);
}

/** A node's input slot of one connection type (`ai_languageModel`: an agent's Chat Model slot). */
export function inputSlot(page: Page, node: string, connectionType: string): Locator {
	return page.locator(
		`[data-test-id="canvas-node-input-handle"][data-node-name="${node}"][data-connection-type="${connectionType}"]`,
	);
}

/** The line(s) the canvas draws from one node to another; their paths' ids name both handles. */
export function canvasEdge(page: Page, source: string, target: string): Locator {
	return page.locator(
		`[data-test-id="edge"][data-source-node-name="${source}"][data-target-node-name="${target}"]`,
	);
}

/**
 * Zooms the canvas out one step (the nodes along its lower edge come clear of the Execute
 * workflow button) and waits until the animated zoom has stopped moving.
 */
export async function zoomOut(page: Page, timeoutMs = 10_000): Promise<void> {
	const pane = page.locator('.vue-flow__transformationpane');
	const start = await pane.getAttribute('style');
	await page.getByTestId('zoom-out-button').click();
	const deadline = Date.now() + timeoutMs;
	let previous: string | null;
	let current = start;
	do {
		if (Date.now() > deadline) throw new Error('The canvas did not settle after zooming out');
		previous = current;
		await delay(200);
		current = await pane.getAttribute('style');
	} while (current === start || current !== previous);
}

export async function openWorkflow(page: Page, url: string, id: string): Promise<void> {
	await page.goto(`${url}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor();
}

/** The run button of one trigger shows while the pointer is over that trigger. */
export async function runFromTrigger(page: Page, trigger: string): Promise<void> {
	await canvasNode(page, trigger).hover();
	await page.getByTestId(`execute-workflow-button-${trigger}`).click();
}

/** Waits for a toast (they sit over the canvas's lower right corner) and closes it. */
export async function dismissToast(page: Page, text: string): Promise<void> {
	const toast = page.locator('.el-notification', { hasText: text });
	await toast.waitFor();
	await toast.locator('.el-notification__closeBtn').click();
	await toast.waitFor({ state: 'detached' });
}

/** Opens a node's panel (NDV) from the canvas. */
export async function openNode(page: Page, name: string): Promise<Locator> {
	await canvasNode(page, name).dblclick();
	const panel = page.getByTestId('ndv');
	await panel.waitFor();
	return panel;
}

export async function closeNode(page: Page): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

/** Opens the Add Option list of the panel's Options and reads its entries (the list stays open). */
export async function addOptionNames(page: Page, panel: Locator): Promise<string[]> {
	await panel.getByTestId('collection-parameter-add').click();
	// The list is rendered outside the panel, at the page's end.
	const options = page.getByTestId('collection-parameter-option');
	await options.first().waitFor();
	return await options.allInnerTexts();
}

/** The option a select parameter shows (its input's value), once the editor has filled it in. */
export async function shownOption(select: Locator, timeoutMs = 10_000): Promise<string> {
	const input = select.locator('input').first();
	const deadline = Date.now() + timeoutMs;
	let value = await input.inputValue();
	while (!value && Date.now() < deadline) {
		await delay(100);
		value = await input.inputValue();
	}
	return value;
}

const resultsDir = 'test-results/browser';

/**
 * Saves a screenshot to test-results/browser/, or to the folder SCREENSHOT_DIR names (relative
 * to the repository): `SCREENSHOT_DIR=docs` refreshes the pictures the README shows. What a
 * failure looked like always goes to test-results/browser/.
 */
export async function screenshot(
	page: Page,
	name: string,
	{ failure = false } = {},
): Promise<string> {
	const dir = path.resolve(
		repoRoot,
		failure ? resultsDir : (process.env.SCREENSHOT_DIR ?? resultsDir),
	);
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.png`);
	// Finished transitions: a dropdown caught fading in shows through what lies under it.
	await page.screenshot({ path: file, animations: 'disabled' });
	return file;
}

/** Asks `read` again every 200 ms until `done` holds for its answer; the last answer otherwise. */
export async function pollUntil<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await delay(200);
		value = await read();
	}
	return value;
}
