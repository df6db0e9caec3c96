import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Read by n8n-core when it loads, so set before any test file imports it.

// n8n-core writes its instance config into the user folder: keep it out of the home folder.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'segmind-engine-'));

// The engine logs every node error to the console; the tests assert on them instead.
process.env.N8N_LOG_LEVEL = 'silent';
