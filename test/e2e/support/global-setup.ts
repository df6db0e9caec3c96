// Jest globalSetup of the e2e project: installs the n8n the suite runs on before any test
// starts, so a first install (minutes) shows its progress and counts against no test's timeout.
import { ensureN8n } from '../../../scripts/n8n/install';
import { e2eLine } from '../../../scripts/n8n/e2e-line';

export default async function globalSetup(): Promise<void> {
	await ensureN8n(e2eLine());
}
