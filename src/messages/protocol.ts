import type { Dataset, Entity, Source } from '../dataset/schema';
import { z } from '../dataset/z';

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

export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('getEntity'), ...ref.shape }),
  z.strictObject({ type: z.literal('getEntities'), refs: z.array(ref).max(5000) }),
  z.strictObject({ type: z.literal('getSource'), ...ref.shape }),
  z.strictObject({ type: z.literal('getSiteSettings'), host }),
  z.strictObject({ type: z.literal('setSiteSettings'), host, enabled: z.boolean() }),
  z.strictObject({ type: z.literal('listDatasets') }),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** What a stored entity looks like to other contexts: the public entity plus its dataset's id. */
export type EntityRecord = Entity & { dataset: string };
export type SourceRecord = Source & { dataset: string };

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

export interface ResponseMap {
  getEntity: EntityRecord | null;
  getEntities: (EntityRecord | null)[];
  getSource: SourceRecord | null;
  getSiteSettings: SiteSettings;
  setSiteSettings: SiteSettings;
  listDatasets: DatasetInfo[];
}

export type Response<T extends RequestType> = { ok: true; value: ResponseMap[T] } | { ok: false; error: string };

/** Requests a content script may make: reads of what its page needs, nothing that writes. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'getEntity',
  'getEntities',
  'getSource',
  'getSiteSettings',
]);

export type DatasetMeta = Pick<Dataset, 'id' | 'name' | 'version' | 'description'>;
