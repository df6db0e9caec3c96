// GET /inference-model-information/list: the model catalogue, in the shape `catalogShape` picks,
// or the failure `catalogFailure` asks for. Not billed, not rate limited.
import type { Account } from './accounts';
import { CATALOG_ENTRIES, CATALOG_LIST_KEY } from './catalog';
import { json, jsonError, methodNotAllowed, unauthorized, type Plan } from './plan';
import type { CatalogFailure, CatalogShape } from './types';

export interface CatalogContext {
	method: string;
	account: Account | undefined;
	keyGiven: boolean;
	shape: CatalogShape;
	failure: CatalogFailure | null;
}

export function catalogBody(shape: CatalogShape): unknown {
	switch (shape) {
		case 'array':
			return CATALOG_ENTRIES;
		case 'unknown':
			return { models: 'n/a' };
		default:
			return { [CATALOG_LIST_KEY]: CATALOG_ENTRIES };
	}
}

export function planCatalog(ctx: CatalogContext): Plan {
	if (ctx.method !== 'GET') return methodNotAllowed();
	if (!ctx.account) return unauthorized(ctx.keyGiven);
	const { failure } = ctx;
	if (failure === 'reset' || failure === 'hang') return { action: failure, fault: failure };
	if (failure !== null) return jsonError(failure, `Model catalogue unavailable (${failure})`);
	return json(200, catalogBody(ctx.shape));
}
