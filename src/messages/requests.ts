import type { ProblemText } from '../dataset/problem';
import { datasetSchema, entitySchema, sourceSchema } from '../dataset/schema';
import { z } from '../dataset/z';
import { CARD_DELAY, IMPORT_CHUNK, MAX_QUERY_LENGTH, MAX_REFS, MAX_SCAN_CHARS } from '../limits';
import { HIGHLIGHT_STYLES, OPEN_CARDS, THEMES, type Appearance } from './appearance';
import { messageUnion, result, type AnyMessage, type MessageIn, type MessageOf, type Result, type ResultIn } from './message-table';
import type {
  Card,
  DatasetInfo,
  EntityRecord,
  ExportPage,
  ScanResult,
  SearchHit,
  SiteRule,
  SiteSettings,
  SourceRecord,
} from './protocol';

/**
 * Every request a context may send the background, declared once: its
 * parameters, its result and the least trusted sender that may send it.
 * The router, the handler table, the client and the tests are derived from
 * this table, so a new request is this entry plus its handler (the compiler
 * asks for the handler). Requests are validated by the background on
 * receipt: content scripts run beside untrusted pages, so anything they send
 * may be forged.
 */

const ref = z.strictObject({ dataset: z.string().min(1).max(200), id: z.string().min(1).max(200) });
const refs = z.array(ref).max(MAX_REFS);
const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.:[\]-]+$/i, 'must be a host name');
const offset = z.number().int().nonnegative();
const datasetId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(200);
const importId = z.string().min(1).max(100);

/** "example.com" or "*.example.com" (that host and every subdomain). */
export const hostPattern = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[a-z0-9.:[\]-]+$/i, 'must be a host name such as example.com or *.example.com');

export const appearanceSchema = z.strictObject({
  highlightStyle: z.enum(HIGHLIGHT_STYLES),
  cardDelayMs: z.number().int().min(CARD_DELAY.min).max(CARD_DELAY.max),
  theme: z.enum(THEMES),
  openCards: z.enum(OPEN_CARDS),
});

// The zod-free Appearance (appearance.ts) and this schema must describe the same object.
const sameAppearance: [Appearance, z.infer<typeof appearanceSchema>] extends [z.infer<typeof appearanceSchema>, Appearance] ? true : never = true;
void sameAppearance;

/**
 * Who sent a message, as far as the browser vouches for it. An extension
 * page may send every request; a content script only those declared
 * `from: 'content-script'`, which read what its page needs and write nothing.
 */
type Sender = 'content-script' | 'extension-page';

interface RequestEntry<P extends z.ZodObject, R> {
  params: P;
  result: Result<R>;
  from: Sender;
}

/** Ties an entry's checks to its own parameters' type. */
function requestEntry<P extends z.ZodObject, R>(entry: RequestEntry<P, R>): RequestEntry<P, R> {
  return entry;
}

export const requests = {
  /** One per ref, null where there is no such entity. */
  getEntities: requestEntry({ params: z.strictObject({ refs }), result: result<(EntityRecord | null)[]>(), from: 'content-script' }),
  /** Everything a card shows for each entity, in one round trip; null where there is no such entity. */
  getCards: requestEntry({ params: z.strictObject({ refs }), result: result<(Card | null)[]>(), from: 'content-script' }),
  getSource: requestEntry({ params: ref, result: result<SourceRecord | null>(), from: 'content-script' }),
  scanTexts: requestEntry({
    params: z.strictObject({
      texts: z
        .array(z.string())
        .max(100_000)
        .refine((t) => t.reduce((n, s) => n + s.length, 0) <= MAX_SCAN_CHARS, `at most ${MAX_SCAN_CHARS} characters in all`),
    }),
    result: result<ScanResult>(),
    from: 'content-script',
  }),
  /** Opens the viewer in a new tab beside the sender's. */
  openSource: requestEntry({
    params: z.strictObject({ dataset: ref.shape.dataset, source: ref.shape.id, start: offset.optional(), end: offset.optional() }),
    result: result<null>(),
    from: 'content-script',
  }),
  /** Opens the options page at its appearance section beside the sender's tab: the card's settings button. */
  openSettings: requestEntry({ params: z.strictObject({}), result: result<null>(), from: 'content-script' }),
  /** The settings of a site, for the popup and the options page. */
  getSiteSettings: requestEntry({ params: z.strictObject({ host }), result: result<SiteSettings>(), from: 'extension-page' }),
  /**
   * Whether the overlay runs in the sender's frame. The background finds the
   * site itself: the top-level site of the sender's tab, which every frame in
   * the tab follows, so an ad frame on a site that is off stays quiet. A
   * content script names no host, and learns neither the top-level site nor
   * the settings of any other.
   */
  getPageSettings: requestEntry({ params: z.strictObject({}), result: result<{ enabled: boolean }>(), from: 'content-script' }),
  setSiteSettings: requestEntry({ params: z.strictObject({ host: hostPattern, enabled: z.boolean() }), result: result<SiteSettings>(), from: 'extension-page' }),
  setGlobalEnabled: requestEntry({ params: z.strictObject({ enabled: z.boolean() }), result: result<{ globalEnabled: boolean }>(), from: 'extension-page' }),
  listSites: requestEntry({ params: z.strictObject({}), result: result<SiteRule[]>(), from: 'extension-page' }),
  getAppearance: requestEntry({ params: z.strictObject({}), result: result<Appearance>(), from: 'content-script' }),
  setAppearance: requestEntry({ params: z.strictObject({ appearance: appearanceSchema.partial() }), result: result<Appearance>(), from: 'extension-page' }),
  search: requestEntry({
    params: z.strictObject({ query: z.string().max(MAX_QUERY_LENGTH), limit: z.number().int().min(1).max(50).optional() }),
    result: result<SearchHit[]>(),
    from: 'extension-page',
  }),
  listDatasets: requestEntry({ params: z.strictObject({}), result: result<DatasetInfo[]>(), from: 'extension-page' }),
  importBegin: requestEntry({
    params: z.strictObject({
      dataset: datasetSchema.pick({ id: true, name: true, version: true, description: true }),
    }),
    result: result<{ importId: string }>(),
    from: 'extension-page',
  }),
  /** A source must come in this chunk or an earlier one than the entities citing it; organizations may come later, checked at commit. */
  importChunk: requestEntry({
    params: z.strictObject({
      importId,
      sources: z.array(sourceSchema).max(IMPORT_CHUNK).default([]),
      entities: z.array(entitySchema).max(IMPORT_CHUNK).default([]),
    }),
    result: result<{ written: number }>(),
    from: 'extension-page',
  }),
  importCommit: requestEntry({ params: z.strictObject({ importId }), result: result<DatasetInfo>(), from: 'extension-page' }),
  importAbort: requestEntry({ params: z.strictObject({ importId }), result: result<null>(), from: 'extension-page' }),
  setDatasetEnabled: requestEntry({ params: z.strictObject({ id: datasetId, enabled: z.boolean() }), result: result<DatasetInfo>(), from: 'extension-page' }),
  setDatasetPrivate: requestEntry({ params: z.strictObject({ id: datasetId, private: z.boolean() }), result: result<DatasetInfo>(), from: 'extension-page' }),
  removeDataset: requestEntry({ params: z.strictObject({ id: datasetId }), result: result<null>(), from: 'extension-page' }),
  /** A page of a dataset in the public format; the header and sources come with the first. */
  exportDataset: requestEntry({
    params: z.strictObject({ id: datasetId, offset, limit: z.number().int().min(1).max(IMPORT_CHUNK) }),
    result: result<ExportPage>(),
    from: 'extension-page',
  }),
};

type Requests = typeof requests;
export type RequestType = keyof Requests;
/** A request as its sender writes it (defaults may be left out). */
export type RequestIn<T extends RequestType> = MessageIn<Requests, T>;
/** A request as the background's handler gets it, validated and with defaults filled in. */
export type RequestOf<T extends RequestType> = MessageOf<Requests, T>;
export type Request = AnyMessage<Requests>;
export type ResponseMap = { [T in RequestType]: ResultIn<Requests[T]> };
export type Response<T extends RequestType> = { ok: true; value: ResponseMap[T] } | { ok: false; error: string; problem?: ProblemText };

export const REQUEST_TYPES = Object.keys(requests) as RequestType[];

/** Validates any request on receipt. */
export const requestSchema = messageUnion(requests);

/** The requests a content script may send. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set(REQUEST_TYPES.filter((type) => requests[type].from === 'content-script'));
