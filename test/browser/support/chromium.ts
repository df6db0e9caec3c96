// Debian's Chromium driven by playwright-core: Playwright's own browser download does not work
// here, so scripts/install-chromium.sh puts the browser at /usr/bin/chromium.
import * as fs from 'fs';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';

const executablePath = '/usr/bin/chromium';

// n8n's editor marks its elements with data-test-id; getByTestId() then finds them.
selectors.setTestIdAttribute('data-test-id');

/**
 * Headless, and quiet on the network: without the background-networking flags Chromium keeps
 * trying Google's hosts, which this machine's closed network refuses. Playwright gives every
 * launch a new empty profile folder and deletes it on close.
 */
export async function launchChromium(): Promise<Browser> {
	if (!fs.existsSync(executablePath))
		throw new Error(`${executablePath} is missing: run \`bash scripts/install-chromium.sh\` first`);
	return await chromium.launch({
		executablePath,
		headless: true,
		chromiumSandbox: false,
		args: [
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** A page the size of a laptop screen, in n8n's light theme. */
export async function newEditorPage(browser: Browser): Promise<Page> {
	return await browser.newPage({
		viewport: { width: 1440, height: 900 },
		colorScheme: 'light',
	});
}
