// Jest globalSetup of the e2e-polling project: its one test runs the trigger in both n8n lines
// side by side, so both are installed first (minutes on a first run, then at once).
import { ensureN8n } from '../../../scripts/n8n/install';

export default async function globalSetup(): Promise<void> {
	await ensureN8n('v2');
	await ensureN8n('v1');
}
