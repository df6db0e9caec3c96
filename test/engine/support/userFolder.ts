import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its instance config into the user folder: keep it out of the home folder.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'segmind-engine-'));
