import type { EntityType } from '../dataset/schema';
import { isCjkToken, tokenize } from './tokens';
import { firstLengthKey } from './typo';

export interface SearchEntry {
  key: string;
  name: string;
  aliases: string[];
  /** Not used for ranking: a person and an organization of the same name are equally likely. */
  type: EntityType;
}

/**
 * The search index, in flat typed arrays: 100,000 entities have a few hundred
 * thousand names and postings, which as objects would cost tens of megabytes
 * and a slow build. Treat as opaque outside src/search.
 *
 * "Names" are an entry's canonical name and aliases after folding, duplicates
 * dropped. Name ids are in quality order (canonical names first, then shorter
 * ones), so every posting list is in that order too and a capped scan sees the
 * likeliest winners first.
 */
export interface SearchIndex {
  /** Per entry. */
  keys: string[];
  /** The canonical name's tokens joined by spaces: the alphabetical tie-break. */
  sortNames: string[];
  /** Entry e's names are entryNames[entryNameStart[e] .. entryNameStart[e + 1]), canonical first. */
  entryNameStart: Uint32Array;
  entryNames: Uint32Array;

  /** Per name. */
  nameEntry: Uint32Array;
  /** The text as given, reported as `matched` for aliases. */
  nameText: string[];
  /** Length of the folded, space-joined tokens: shorter names win ties. */
  nameLength: Uint16Array;
  nameCanonical: Uint8Array;
  /** Name n's token ids, in order: nameTokens[nameTokenStart[n] .. nameTokenStart[n + 1]). */
  nameTokenStart: Uint32Array;
  nameTokens: Uint32Array;

  /** Distinct tokens sorted by code unit: a token's id is its position, so a prefix is an id range. */
  tokens: string[];
  /** Token t's names (ascending id, each once): postings[postingStart[t] .. postingStart[t + 1]). */
  postingStart: Uint32Array;
  postings: Uint32Array;
  /** Token ids ordered by first unit, then length: one run per typo lookup. */
  byFirstLength: Uint32Array;
  /** CJK tokens by each character they contain, packed as char * 2^24 + token id, sorted. */
  cjkChars: Float64Array;

  /** Per-query scratch: entry e was already considered when seen[e] === stamp. */
  seen: Uint32Array;
  stamp: number;
  /** Per-query scratch, valid where seen[e] === stamp: entry e's best score so far and the name that gave it. */
  bestScore: Float64Array;
  bestName: Int32Array;
  /** Per-query scratch: one kind per token for each query token; see query.ts. */
  kindPool: Uint8Array[];
}

const NAME_BITS = 2 ** 26;
/** Packing unit for token ids in doubles (cjkChars, byFirstLength): up to 16 million distinct tokens. */
export const TOKEN_BITS = 2 ** 24;

interface Collected {
  nameEntry: number[];
  nameText: string[];
  nameLength: number[];
  nameCanonical: number[];
  nameTokenStart: number[];
  /** Temporary token ids, in first-seen order. */
  nameTokens: number[];
  tokenIds: Map<string, number>;
  sortNames: string[];
}

/** Tokenizes every name once, dropping names that fold to nothing or repeat within their entry. */
function collect(entries: readonly SearchEntry[]): Collected {
  const c: Collected = {
    nameEntry: [],
    nameText: [],
    nameLength: [],
    nameCanonical: [],
    nameTokenStart: [0],
    nameTokens: [],
    tokenIds: new Map(),
    sortNames: [],
  };
  entries.forEach((entry, e) => {
    const joinedSeen: string[] = [];
    const texts = [entry.name, ...entry.aliases];
    texts.forEach((text, i) => {
      const tokens = tokenize({ text });
      const joined = tokens.join(' ');
      if (i === 0) c.sortNames.push(joined);
      if (tokens.length === 0 || joinedSeen.includes(joined)) return;
      joinedSeen.push(joined);
      c.nameEntry.push(e);
      c.nameText.push(text);
      c.nameLength.push(Math.min(joined.length, 0xffff));
      c.nameCanonical.push(i === 0 ? 1 : 0);
      for (const token of tokens) {
        let id = c.tokenIds.get(token);
        if (id === undefined) {
          id = c.tokenIds.size;
          c.tokenIds.set(token, id);
        }
        c.nameTokens.push(id);
      }
      c.nameTokenStart.push(c.nameTokens.length);
    });
  });
  return c;
}

/** Name ids in quality order: packs (alias?, length, old id) into doubles so one numeric sort does it. */
function qualityOrder(c: Collected): Uint32Array {
  const count = c.nameEntry.length;
  const packed = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    packed[n] = ((1 - c.nameCanonical[n]!) * 0x10000 + c.nameLength[n]!) * NAME_BITS + n;
  }
  packed.sort();
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = packed[i]! % NAME_BITS;
  return order;
}

function buildPostings(
  nameTokenStart: Uint32Array,
  nameTokens: Uint32Array,
  tokenCount: number,
): { postingStart: Uint32Array; postings: Uint32Array } {
  const names = nameTokenStart.length - 1;
  // A token repeated within a name ("Lin Na Na") is posted once: lastName remembers.
  const lastName = new Int32Array(tokenCount).fill(-1);
  const postingStart = new Uint32Array(tokenCount + 1);
  for (let n = 0; n < names; n++) {
    for (let k = nameTokenStart[n]!; k < nameTokenStart[n + 1]!; k++) {
      const t = nameTokens[k]!;
      if (lastName[t] === n) continue;
      lastName[t] = n;
      postingStart[t + 1]!++;
    }
  }
  for (let t = 0; t < tokenCount; t++) postingStart[t + 1]! += postingStart[t]!;
  const fill = postingStart.slice(0, tokenCount);
  const postings = new Uint32Array(postingStart[tokenCount]!);
  lastName.fill(-1);
  for (let n = 0; n < names; n++) {
    for (let k = nameTokenStart[n]!; k < nameTokenStart[n + 1]!; k++) {
      const t = nameTokens[k]!;
      if (lastName[t] === n) continue;
      lastName[t] = n;
      postings[fill[t]!++] = n;
    }
  }
  return { postingStart, postings };
}

function buildByFirstLength(tokens: readonly string[]): Uint32Array {
  const packed = new Float64Array(tokens.length);
  tokens.forEach((token, id) => {
    packed[id] = firstLengthKey(token) * TOKEN_BITS + id;
  });
  packed.sort();
  return Uint32Array.from(packed, (v) => v % TOKEN_BITS);
}

function buildCjkChars(tokens: readonly string[]): Float64Array {
  const packed: number[] = [];
  tokens.forEach((token, id) => {
    if (!isCjkToken({ token })) return;
    const chars = new Set<number>();
    for (let i = 0; i < token.length; i++) chars.add(token.charCodeAt(i));
    for (const ch of chars) packed.push(ch * TOKEN_BITS + id);
  });
  return Float64Array.from(packed).sort();
}

/** Builds the index once per change of the enabled datasets. */
export function buildSearchIndex({ entries }: { entries: readonly SearchEntry[] }): SearchIndex {
  const c = collect(entries);
  const order = qualityOrder(c);
  const names = order.length;

  // Sorting the distinct tokens makes every prefix one id range.
  const tokens = [...c.tokenIds.keys()].sort();
  const sortedId = new Uint32Array(tokens.length);
  tokens.forEach((token, i) => {
    sortedId[c.tokenIds.get(token)!] = i;
  });

  const nameEntry = new Uint32Array(names);
  const nameText: string[] = new Array<string>(names);
  const nameLength = new Uint16Array(names);
  const nameCanonical = new Uint8Array(names);
  const nameTokenStart = new Uint32Array(names + 1);
  const nameTokens = new Uint32Array(c.nameTokens.length);
  let k = 0;
  for (let n = 0; n < names; n++) {
    const old = order[n]!;
    nameEntry[n] = c.nameEntry[old]!;
    nameText[n] = c.nameText[old]!;
    nameLength[n] = c.nameLength[old]!;
    nameCanonical[n] = c.nameCanonical[old]!;
    for (let j = c.nameTokenStart[old]!; j < c.nameTokenStart[old + 1]!; j++) nameTokens[k++] = sortedId[c.nameTokens[j]!]!;
    nameTokenStart[n + 1] = k;
  }

  // Entry → names: counted, then filled in name order, so the canonical name comes first.
  const entryNameStart = new Uint32Array(entries.length + 1);
  for (let n = 0; n < names; n++) entryNameStart[nameEntry[n]! + 1]!++;
  for (let e = 0; e < entries.length; e++) entryNameStart[e + 1]! += entryNameStart[e]!;
  const fill = entryNameStart.slice(0, entries.length);
  const entryNames = new Uint32Array(names);
  for (let n = 0; n < names; n++) entryNames[fill[nameEntry[n]!]!++] = n;

  return {
    keys: entries.map((e) => e.key),
    sortNames: c.sortNames,
    entryNameStart,
    entryNames,
    nameEntry,
    nameText,
    nameLength,
    nameCanonical,
    nameTokenStart,
    nameTokens,
    tokens,
    ...buildPostings(nameTokenStart, nameTokens, tokens.length),
    byFirstLength: buildByFirstLength(tokens),
    cjkChars: buildCjkChars(tokens),
    ...scratchFor(entries.length),
  };
}

/** What a query may overwrite: built afresh, never stored. */
export type Scratch = Pick<SearchIndex, 'seen' | 'stamp' | 'bestScore' | 'bestName' | 'kindPool'>;

export function scratchFor(entries: number): Scratch {
  return { seen: new Uint32Array(entries), stamp: 0, bestScore: new Float64Array(entries), bestName: new Int32Array(entries), kindPool: [] };
}
