import {
	isSuccess,
	parseBody,
	readErrorText,
	SegmindClient,
	statusOf,
	type ClientSettings,
	type RequestContext,
} from '../client';
import { isObject } from '../values';
import { SHIPPED_CATALOG } from './shipped';
import type { Catalog, CatalogEntry, CatalogParameter } from './types';

/** How long a catalogue read serves one account: the catalogue is read at most this often. */
export const CATALOG_TTL_MS = 10 * 60_000;

// One attempt, and not for long: the editor waits on it, and the shipped list stands in.
const READ_SETTINGS: ClientSettings = {
	timeoutMs: 20_000,
	maxRetries: 0,
	rateLimitWaitMs: 0,
	pollIntervalMs: 1000,
	requestsPerMinute: 0,
};

/** The list in a catalogue answer: a top-level array, or the first array among its values. */
function listOf(body: unknown): unknown[] | undefined {
	if (Array.isArray(body)) return body;
	if (!isObject(body)) return undefined;
	return Object.values(body).find(Array.isArray);
}

function parametersOf(value: unknown): Record<string, CatalogParameter> | undefined {
	if (!isObject(value)) return undefined;
	return Object.fromEntries(
		Object.entries(value).filter((entry): entry is [string, CatalogParameter] =>
			isObject(entry[1]),
		),
	);
}

function entryOf(value: unknown): CatalogEntry | undefined {
	if (!isObject(value)) return undefined;
	const slug = typeof value.slug === 'string' ? value.slug.trim() : '';
	if (slug === '') return undefined;
	const title = typeof value.title === 'string' ? value.title.trim() : '';
	const parameters = parametersOf(value.parameters);
	return {
		slug,
		title: title || slug,
		type: typeof value.type === 'string' ? value.type : '',
		deprecated: value.is_depreciated === true,
		...(parameters && { parameters }),
	};
}

/**
 * The models of a catalogue answer (entries with a slug, the first of each slug kept), in the
 * answer's order; undefined when it holds no list of them (an unknown shape).
 */
export function readCatalogAnswer(body: unknown): CatalogEntry[] | undefined {
	const bySlug = new Map<string, CatalogEntry>();
	for (const entry of (listOf(parseBody(body)) ?? []).map(entryOf)) {
		if (entry && !bySlug.has(entry.slug)) bySlug.set(entry.slug, entry);
	}
	return bySlug.size > 0 ? [...bySlug.values()] : undefined;
}

const shipped = (reason: string): Catalog => ({
	entries: [...SHIPPED_CATALOG],
	source: 'shipped',
	reason,
});

async function readCatalog(client: SegmindClient): Promise<Catalog> {
	const outcome = await client.readCatalog();
	if (!outcome) return shipped('the read was cancelled');
	if (!outcome.answered || !isSuccess(outcome)) {
		return shipped(`${statusOf(outcome).status}: ${readErrorText(outcome)}`);
	}
	const entries = readCatalogAnswer(outcome.body);
	return entries
		? { entries, source: 'segmind' }
		: shipped('the answer holds no list of models with a slug');
}

const cache = new Map<string, { readAt: number; catalog: Promise<Catalog> }>();

/**
 * Segmind's model catalogue for the node's credential, read at most once per CATALOG_TTL_MS per
 * account (reads at the same time share one request). When it cannot be read, or its answer has
 * no list of models, the catalogue shipped in the package stands in (and is kept as long).
 */
export async function loadCatalog(context: RequestContext): Promise<Catalog> {
	let created: Awaited<ReturnType<typeof SegmindClient.create>>;
	try {
		created = await SegmindClient.create(context, READ_SETTINGS);
	} catch (error) {
		return shipped(`no credential to read it with: ${(error as Error).message}`);
	}
	if ('refused' in created) return shipped(created.refused);
	const { client } = created;
	const now = Date.now();
	for (const [account, cached] of cache) {
		if (now - cached.readAt >= CATALOG_TTL_MS) cache.delete(account);
	}
	const cached = cache.get(client.account);
	if (cached) return await cached.catalog;
	const catalog = readCatalog(client);
	cache.set(client.account, { readAt: now, catalog });
	return await catalog;
}

/** Forgets every catalogue read (the next load reads again). */
export function clearCatalogCache(): void {
	cache.clear();
}

/** The entry of a slug in a catalogue (deprecated ones too), if it has one. */
export const findEntry = (catalog: Catalog, slug: string): CatalogEntry | undefined =>
	catalog.entries.find((entry) => entry.slug === slug);
