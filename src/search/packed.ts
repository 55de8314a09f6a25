import { packArrays, unpackArrays, type PackedArrays, type Typed } from '../packing/arrays';
import { packStrings, unpackStrings, type PackedStrings } from '../packing/strings';
import { scratchFor, type Scratch, type SearchIndex } from './build';

/**
 * The search index as the worker stores it (bench/RESULTS.md, "Cold worker
 * and search"): a stopped worker reads it back instead of rebuilding it
 * from every entity's names, which at a million names took seconds.
 */
export interface PackedSearchIndex extends PackedArrays {
  strings: Record<StringPart, PackedStrings>;
}

type StringPart = 'keys' | 'sortNames' | 'nameText' | 'tokens';
const STRING_PARTS: readonly StringPart[] = ['keys', 'sortNames', 'nameText', 'tokens'];

/** The index's own data, without its per-query scratch. */
type ArrayPart = Exclude<keyof SearchIndex, StringPart | keyof Scratch>;
/** A record, not a list, so that an array added to the index and not here fails to compile. */
const ARRAY_PARTS = Object.keys({
  entryNameStart: true,
  entryNames: true,
  nameEntry: true,
  nameLength: true,
  nameCanonical: true,
  nameTokenStart: true,
  nameTokens: true,
  postingStart: true,
  postings: true,
  byFirstLength: true,
  cjkChars: true,
} satisfies Record<ArrayPart, true>) as ArrayPart[];

export function packSearchIndex(index: SearchIndex): PackedSearchIndex {
  const strings = {} as Record<StringPart, PackedStrings>;
  for (const part of STRING_PARTS) strings[part] = packStrings(index[part]);
  return { ...packArrays(ARRAY_PARTS.map((part) => [part, index[part]] as [string, Typed])), strings };
}

export function unpackSearchIndex(packed: PackedSearchIndex): SearchIndex {
  const arrays = unpackArrays(packed) as Pick<SearchIndex, ArrayPart>;
  const keys = unpackStrings(packed.strings.keys);
  return {
    ...arrays,
    keys,
    sortNames: unpackStrings(packed.strings.sortNames),
    nameText: unpackStrings(packed.strings.nameText),
    tokens: unpackStrings(packed.strings.tokens),
    ...scratchFor(keys.length),
  };
}
