import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n's filesystem binary data mode, as `N8N_DEFAULT_BINARY_DATA_MODE=filesystem` starts it: its
 * own byte store (FsByteStore) writing streams to files as they arrive, in a temporary folder.
 * `restore` puts back the in-memory mode and removes the folder.
 */
export async function useFilesystemBinaryData() {
	const folder = mkdtempSync(join(tmpdir(), 'segmind-binary-data-'));
	const config = Container.get(BinaryDataConfig);
	const service = Container.get(BinaryDataService);
	const before = { mode: config.mode, localStoragePath: config.localStoragePath };
	config.mode = 'filesystem';
	config.localStoragePath = folder;
	await service.init();
	return {
		/** The stored file behind a binary data id (`filesystem-v2:<fileId>`). */
		pathOf: (id: string) => service.getPath(id),
		/** Every file under the folder (stored files and their metadata; no leftovers). */
		storedFiles: () => listFiles(folder),
		restore: () => {
			service.setManager('filesystem' as never, undefined as never);
			service.setManager('filesystem-v2', undefined as never);
			Object.assign(config, before);
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

function listFiles(folder: string): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.map((name) => join(folder, name))
		.filter((path) => statSync(path).isFile());
}

/** The SHA-256 and size of a stream's bytes, read a chunk at a time (never whole). */
async function hashChunks(
	chunks: AsyncIterable<Uint8Array>,
): Promise<{ sha256: string; bytes: number }> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of chunks) {
		hash.update(chunk);
		bytes += chunk.length;
	}
	return { sha256: hash.digest('hex'), bytes };
}

/** A file's SHA-256 and size, read as a stream (never whole). */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
	return await hashChunks(createReadStream(path));
}

/** A URL's body's SHA-256 and size, read as a stream (never whole). */
export async function hashUrl(url: string): Promise<{ sha256: string; bytes: number }> {
	const response = await fetch(url);
	if (!response.ok || !response.body) throw new Error(`GET ${url} answered ${response.status}`);
	return await hashChunks(response.body);
}
