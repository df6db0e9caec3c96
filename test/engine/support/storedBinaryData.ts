import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

/**
 * Keeps the run's binary data out of the items, as n8n's database, S3 and filesystem modes do:
 * an item holds only an id, and its bytes come back only through n8n's binary helpers. The bytes
 * stay in this map; `restore` puts back the in-memory mode.
 */
export function storeBinaryDataOutsideItems() {
	const service = Container.get(BinaryDataService);
	const files = new Map<string, Buffer>();
	const reads: string[] = [];
	let next = 0;
	const manager = {
		init: async () => {},
		async store(_location: unknown, data: Buffer) {
			const fileId = `file-${++next}`;
			files.set(fileId, Buffer.from(data));
			return { fileId, fileSize: data.length };
		},
		async getAsBuffer(fileId: string) {
			reads.push(fileId);
			const bytes = files.get(fileId);
			if (!bytes) throw new Error(`No stored file ${fileId}`);
			return bytes;
		},
	};
	// Without init() the service has no manager and keeps bytes in the items; its mode is filesystem-v2.
	service.setManager('filesystem-v2', manager as never);
	return {
		files,
		reads,
		restore: () => service.setManager('filesystem-v2', undefined as never),
	};
}
