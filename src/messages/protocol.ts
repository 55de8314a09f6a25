import { datasetSchema, entitySchema, sourceSchema, type Dataset, type Entity, type EntityType, type Source } from '../dataset/schema';
import { z } from '../dataset/z';
import { CARD_DELAY, IMPORT_CHUNK, MAX_QUERY_LENGTH, MAX_SCAN_CHARS } from '../limits';
import type { CandidateMatch } from '../matcher/resolve';
import { HIGHLIGHT_STYLES, THEMES, type Appearance } from './appearance';
import type { EntityKey } from './entity-key';

export { DEFAULT_APPEARANCE, HIGHLIGHT_STYLES, THEMES, type Appearance } from './appearance';
export { entityKey, parseEntityKey, type EntityKey } from './entity-key';

/**
 * The one message protocol between the background and every other context.
 * Requests are validated by the background on receipt: content scripts run
 * beside untrusted pages, so anything they send may be forged.
 */
const ref = z.strictObject({ dataset: z.string().min(1).max(200), id: z.string().min(1).max(200) });
const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.:[\]-]+$/i, 'must be a host name');

const offset = z.number().int().nonnegative();
/** "example.com" or "*.example.com" (that host and every subdomain). */
export const hostPattern = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[a-z0-9.:[\]-]+$/i, 'must be a host name such as example.com or *.example.com');
const datasetId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(200);

export const appearanceSchema = z.strictObject({
  highlightStyle: z.enum(HIGHLIGHT_STYLES),
  cardDelayMs: z.number().int().min(CARD_DELAY.min).max(CARD_DELAY.max),
  theme: z.enum(THEMES),
});

// The zod-free Appearance (appearance.ts) and this schema must describe the same object.
const sameAppearance: [Appearance, z.infer<typeof appearanceSchema>] extends [z.infer<typeof appearanceSchema>, Appearance] ? true : never = true;
void sameAppearance;

export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('getEntity'), ...ref.shape }),
  z.strictObject({ type: z.literal('getEntities'), refs: z.array(ref).max(5000) }),
  z.strictObject({ type: z.literal('getSource'), ...ref.shape }),
  z.strictObject({ type: z.literal('getSourceInfos'), refs: z.array(ref).max(5000) }),
  z.strictObject({
    type: z.literal('scanTexts'),
    texts: z
      .array(z.string())
      .max(100_000)
      .refine((t) => t.reduce((n, s) => n + s.length, 0) <= MAX_SCAN_CHARS, `at most ${MAX_SCAN_CHARS} characters in all`),
  }),
  z.strictObject({
    type: z.literal('openSource'),
    dataset: ref.shape.dataset,
    source: ref.shape.id,
    start: offset.optional(),
    end: offset.optional(),
  }),
  z.strictObject({ type: z.literal('getSiteSettings'), host }),
  z.strictObject({ type: z.literal('setSiteSettings'), host: hostPattern, enabled: z.boolean() }),
  z.strictObject({ type: z.literal('setGlobalEnabled'), enabled: z.boolean() }),
  z.strictObject({ type: z.literal('listSites') }),
  z.strictObject({ type: z.literal('getAppearance') }),
  z.strictObject({ type: z.literal('setAppearance'), appearance: appearanceSchema.partial() }),
  z.strictObject({ type: z.literal('search'), query: z.string().max(MAX_QUERY_LENGTH), limit: z.number().int().min(1).max(50).optional() }),
  z.strictObject({ type: z.literal('listDatasets') }),
  z.strictObject({
    type: z.literal('importBegin'),
    dataset: datasetSchema.pick({ id: true, name: true, version: true, description: true }),
  }),
  z.strictObject({
    type: z.literal('importChunk'),
    importId: z.string().min(1).max(100),
    sources: z.array(sourceSchema).max(IMPORT_CHUNK).default([]),
    entities: z.array(entitySchema).max(IMPORT_CHUNK).default([]),
  }),
  z.strictObject({ type: z.literal('importCommit'), importId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('importAbort'), importId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('setDatasetEnabled'), id: datasetId, enabled: z.boolean() }),
  z.strictObject({ type: z.literal('removeDataset'), id: datasetId }),
  z.strictObject({
    type: z.literal('exportDataset'),
    id: datasetId,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(IMPORT_CHUNK),
  }),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** What a stored entity looks like to other contexts: the public entity plus its dataset's id. */
export type EntityRecord = Entity & { dataset: string };
export type SourceRecord = Source & { dataset: string };
/** A source without its text: what a card needs to cite it. */
export type SourceInfo = Omit<SourceRecord, 'text'>;


/**
 * One name found in one text: [start, end) in that text, every entity it may
 * be, which of them only by a contextual alias, and for a contextual-only
 * match the full names beneath it (see src/matcher/resolve.ts).
 */
export type TextMatch = CandidateMatch<EntityKey>;

/**
 * Matches of a scan, one list per text sent. A contextual candidate is
 * returned whenever its local rules hold; the page decides with
 * resolveMatches (src/matcher/resolve.ts) whether the whole page names the
 * same entity in full, and what shows in its place if not.
 */
export interface ScanResult {
  matches: TextMatch[][];
}

export interface DatasetInfo {
  id: string;
  name: string;
  version: string;
  description?: string;
  bundled: boolean;
  enabled: boolean;
  entityCount: number;
  sourceCount: number;
  updatedAt: number;
}

export interface SiteSettings {
  host: string;
  /** Whether the overlay runs on this host: the site is not turned off and the global switch is on. */
  enabled: boolean;
  siteEnabled: boolean;
  globalEnabled: boolean;
}

/** One popup search result. */
export interface SearchHit {
  key: EntityKey;
  dataset: string;
  id: string;
  name: string;
  type: EntityType;
  /** The alias that matched, when it is not the canonical name. */
  matched?: string;
  /** The newest role, as "Title, Organization". */
  mainRole?: string;
}

/** A page of an export: the dataset's header and sources come with the first page. */
export interface ExportPage {
  dataset?: Omit<Dataset, 'sources' | 'entities'> & { sources: Source[] };
  entities: Entity[];
  total: number;
}

export interface SiteRule {
  host: string;
  enabled: boolean;
}

export interface ResponseMap {
  getEntity: EntityRecord | null;
  getEntities: (EntityRecord | null)[];
  getSource: SourceRecord | null;
  getSourceInfos: (SourceInfo | null)[];
  scanTexts: ScanResult;
  openSource: null;
  getSiteSettings: SiteSettings;
  setSiteSettings: SiteSettings;
  setGlobalEnabled: { globalEnabled: boolean };
  listSites: SiteRule[];
  getAppearance: Appearance;
  setAppearance: Appearance;
  search: SearchHit[];
  listDatasets: DatasetInfo[];
  importBegin: { importId: string };
  importChunk: { written: number };
  importCommit: DatasetInfo;
  importAbort: null;
  setDatasetEnabled: DatasetInfo;
  removeDataset: null;
  exportDataset: ExportPage;
}

export type Response<T extends RequestType> = { ok: true; value: ResponseMap[T] } | { ok: false; error: string };

/** Requests a content script may make: reads of what its page needs, nothing that writes. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'getEntity',
  'getEntities',
  'getSource',
  'getSourceInfos',
  'scanTexts',
  'openSource',
  'getSiteSettings',
  'getAppearance',
]);

/** Messages the background sends to content scripts, validated there on receipt. */
export const broadcastSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('settingsChanged') }),
  z.strictObject({ type: z.literal('datasetsChanged') }),
]);
export type Broadcast = z.infer<typeof broadcastSchema>;

/**
 * What the popup and the background ask a page's content script (top frame)
 * through tabs.sendMessage; validated by the content script on receipt.
 */
export const tabRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('getPageInfo') }),
  z.strictObject({ type: z.literal('revealEntity'), key: z.string().min(1).max(401) }),
]);
export type TabRequest = z.infer<typeof tabRequestSchema>;

export interface PageInfo {
  host: string;
  /** Whether the overlay is running on this page now. */
  active: boolean;
  entities: { key: EntityKey; count: number }[];
}

export interface TabResponseMap {
  getPageInfo: PageInfo;
  revealEntity: boolean;
}

export type DatasetMeta = Pick<Dataset, 'id' | 'name' | 'version' | 'description'>;
