// Segmind's model catalogue: read once in a while per account, with a list shipped as fallback.
export {
	CATALOG_TTL_MS,
	clearCatalogCache,
	findEntry,
	loadCatalog,
	readCatalogAnswer,
} from './catalog';
export { fieldTypeOf, modelFields } from './fields';
export { modelListItems, typeLabel } from './search';
export { SHIPPED_CATALOG } from './shipped';
export type { Catalog, CatalogEntry, CatalogParameter } from './types';
