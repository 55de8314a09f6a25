import type { EntityKey, EntityRecord, OrganizationPeople, SourceInfo } from '../../src/messages/protocol';

/** A place in a source for the source viewer to open at: [start, end) in the source's text. */
export interface SourceLink {
  dataset: string;
  source: string;
  /** The quote's offsets; absent when the evidence has none (a reference without text, or no quote). */
  start?: number | undefined;
  end?: number | undefined;
}

/** What every part of the card needs to name things and link to sources; passed down as one object. */
export interface CardEnv {
  entities: readonly EntityRecord[];
  sources: ReadonlyMap<string, SourceInfo>;
  names: ReadonlyMap<string, string> | undefined;
  locale: string;
  /** The viewer's URL, on extension pages only; without it links carry no URL (see SourceAnchor). */
  sourceHref: ((link: SourceLink) => string) | undefined;
  onOpenSource(link: SourceLink): void;
  /** Organizations' people by entityKey (see PeopleSection). */
  people: ReadonlyMap<EntityKey, OrganizationPeople> | undefined;
  /** Opens a person's card from a People row; without it the rows are plain text. */
  onOpenEntity: ((ref: EntityRef) => void) | undefined;
}

export interface EntityRef {
  dataset: string;
  id: string;
  name: string;
}
