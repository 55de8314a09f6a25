import type { EntityRecord, SourceInfo } from '../../src/messages/protocol';

/** A place in a source for the source viewer to open at: [start, end) in the source's text. */
export interface SourceLink {
  dataset: string;
  source: string;
  start: number;
  end: number;
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
}
