import type { Dataset, Entity, EntityType, Role, Source } from '../dataset/schema';
import type { CandidateMatch } from '../matcher/resolve';
import type { EntityKey } from './entity-key';

export { DEFAULT_APPEARANCE, type Appearance } from './appearance';
export { broadcasts, broadcastSchema, type Broadcast } from './broadcasts';
export { entityKey, parseEntityKey, type EntityKey } from './entity-key';
export * from './requests';
export * from './tab-requests';

/**
 * The one message protocol between the background and every other context:
 * the requests (requests.ts), what the background broadcasts (broadcasts.ts)
 * and what is asked of a page (tab-requests.ts), each declared once, and the
 * records they carry (below).
 */

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
  /**
   * The private datasets among those matched (every entity key names its
   * dataset): a page mention whose entities all come from these is painted
   * where the page cannot read it (overlay/private-marks.ts).
   */
  privateDatasets: string[];
}

export interface DatasetInfo {
  id: string;
  name: string;
  version: string;
  description?: string;
  bundled: boolean;
  enabled: boolean;
  /** Its names are never marked where a page can read them: on by default for imports, off for the bundled dataset. */
  private: boolean;
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

export interface MainRole {
  title: string;
  organization?: string;
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
  /**
   * The newest role's title and the name of its organization, when the
   * dataset has it. The popup joins them in the reader's language
   * (cardRoleOrganization, as the card does).
   */
  mainRole?: MainRole;
  /** For an organization: how many people hold or held a role there. */
  people?: number;
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

/**
 * Everything a card shows for one entity: the entity, the names of the
 * organizations its roles name, and the sources it cites (without their text).
 * Keys are entityKey({ dataset, id }) of the organization or the source; a
 * name or source the store lacks is left out, and the card cites it by id.
 */
export interface Card {
  entity: EntityRecord;
  names: Record<EntityKey, string>;
  sources: Record<string, SourceInfo>;
  /** For an organization: its people. The sources of their roles' evidence are in `sources`. */
  people?: OrganizationPeople;
}

/** A person whose roles name an organization, with those roles only, newest first. */
export interface PersonAtOrganization {
  dataset: string;
  id: string;
  name: string;
  roles: Role[];
}

/**
 * Who's who at an organization: current roles first, then past ones (see
 * src/people/reverse-index.ts), at most MAX_CARD_PEOPLE of `total`.
 */
export interface OrganizationPeople {
  total: number;
  people: PersonAtOrganization[];
}
