import { isN8nLine, type N8nLine } from './releases';

/** The n8n line a suite runs on: E2E_N8N_LINE=v1 runs it on n8n 1.x without touching its tests. */
export function e2eLine(): N8nLine {
	const line = process.env.E2E_N8N_LINE ?? 'v2';
	if (!isN8nLine(line)) throw new Error(`E2E_N8N_LINE must be v2 or v1, not "${line}"`);
	return line;
}
