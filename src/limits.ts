/**
 * Every limit Factlens enforces across contexts, each with its reason. The
 * background, the pages and the tests read them from here, so a limit and
 * the check that enforces it cannot drift apart.
 */

export const MB = 1024 * 1024;

/** The id of the dataset that ships with the extension (assets/dataset.json); no import may take it. */
export const BUNDLED_ID = 'factlens-bundled';

/**
 * For formats parsed whole (the Factlens format, Wikidata entity JSON and
 * SPARQL results, Popolo): the options page holds a file, its text and its
 * parsed form at once, about ten times its size in memory. Line-based formats
 * (FollowTheMoney NDJSON, Wikidata dumps, CSV) are streamed and have no
 * limit. 40 MB fits 200,000 entities of the shape
 * scripts/lib/synthetic-dataset.ts makes; larger collections import as
 * several datasets, which are all matched together.
 */
export const MAX_IMPORT_BYTES = 40 * MB;

/** Entities per import chunk: small enough to validate and write in well under a second. */
export const IMPORT_CHUNK = 2000;

/**
 * Upper bound on one import chunk's JSON, in UTF-16 code units. Extension
 * messages are serialised to JSON, and Chromium refuses a message over
 * 64 MiB; a chunk of IMPORT_CHUNK long source texts could come near that.
 */
export const MAX_CHUNK_CHARS = 8 * MB;

/** Total text one scan request may carry; larger pages are sent in several. */
export const MAX_SCAN_CHARS = 2_000_000;

/**
 * Entities one getCards or getEntities request may name. A page naming more
 * (a long list of people) is asked about in several requests (see
 * src/messages/ref-batches.ts); the bound keeps one request's reads and its
 * answer, which carries each entity's sources, to a size a message carries.
 */
export const MAX_REFS = 5000;

/**
 * People an organization's card carries (its "People" section): every one
 * for all but the largest organizations, while a page naming many
 * organizations, whose cards are fetched together, still reads a bounded
 * number of people. The card gives the full count either way.
 */
export const MAX_CARD_PEOPLE = 50;

/** Problems listed for an invalid file: enough to fix a pattern, few enough to read; the rest are counted. */
export const PROBLEMS_SHOWN = 10;

/** Characters a search query may have: longer than any name, short enough that a keystroke stays cheap. */
export const MAX_QUERY_LENGTH = 200;

/**
 * How long the pointer rests on a name before its card opens, in ms. Zero
 * opens at once; over 3 s a reader would think hovering does nothing.
 */
export const CARD_DELAY = { min: 0, max: 3000, step: 50 } as const;

/**
 * Characters in a name: an entity's name, an alias, a dataset's name. The
 * longest real names run to a few dozen characters; 200 leaves room for
 * official titles of organizations while keeping a card's heading and the
 * matcher's dictionary bounded. Search queries stop at the same length
 * (MAX_QUERY_LENGTH), so every name can be searched in full.
 */
export const MAX_NAME_LENGTH = 200;

/**
 * Characters in a description (an entity's, a dataset's, a source's date
 * note): a card shows it whole, so it must stay a paragraph, not an article.
 */
export const MAX_DESCRIPTION_LENGTH = 2000;

/** Characters in a role title, a source's headline or its publisher: one line of a card or the viewer's header. */
export const MAX_TITLE_LENGTH = 500;

/**
 * Characters in a dataset's version. It is a label shown beside the name
 * ("1+2026-11-21.dec68b5f40" for the bundled dataset, shown as its date), not
 * otherwise parsed; 100 holds any semantic version with build metadata.
 */
export const MAX_VERSION_LENGTH = 100;

/**
 * Sources a tab may open in the viewer: 3 in any 10 s. Each opens a tab, and
 * a page script that got past the trusted-click check (or a future bug) must
 * not be able to flood the browser with them; a reader rarely opens more
 * than one source at a time.
 */
export const OPEN_SOURCE_RATE = { count: 3, windowMs: 10_000 } as const;

/**
 * Problems an import report keeps, with their line numbers; the rest are
 * counted. A streamed file may have millions of lines, and a report of every
 * bad one would itself grow with the file: kept problems cost about 140
 * bytes each in the options page's heap, so 100,000 of them were 14 MB of a
 * streamed import's working memory. 10,000 lines is more than anyone reads
 * and enough to find every pattern of fault.
 */
export const MAX_REPORT_PROBLEMS = 10_000;

/**
 * FollowTheMoney relations a streamed import holds while it waits for their
 * holders' lines (src/import/ftm.ts). Each costs about 250 bytes of the
 * options page's heap, so holding every relation of a registry with a
 * million of them would be 250 MB. Past this many, the holders are split
 * into 2, 4, 8… groups by a hash of their id, and the file is read once more
 * for each further group, so memory stays under about 16 MB whatever the file's
 * size, at the cost of a pass over the file for each 65,536 relations.
 */
export const MAX_PENDING_RELATIONS = 65_536;

/**
 * The most groups MAX_PENDING_RELATIONS splits holders into: 257 passes over
 * the file, 16 million relations. A holder's own relations cannot be split,
 * so without a bound one holder with more relations than the limit would
 * double the groups forever; past it, memory grows again rather than the
 * passes.
 */
export const MAX_RELATION_GROUPS = 256;

/**
 * Labels a streamed Wikidata dump keeps from its first pass
 * (src/import/wikidata.ts). A role names its position, employer or source by
 * Q-id, and that item's line may come anywhere, so the first pass keeps
 * every item's label (about 150 bytes each). Past this many (15 MB), it
 * keeps none and a second pass keeps only the labels some item refers to,
 * so memory grows with the positions and organizations referred to, not
 * with the people in the dump, at the cost of one more reading of the file.
 */
export const MAX_HELD_LABELS = 100_000;

/**
 * Related entities kept per entity (src/dataset/related.ts). A page match of
 * a name that needs context carries its entity's related entities to the
 * page, once per occurrence; an organization named in the same sentences as
 * thousands of people would otherwise make every such match as large. The
 * strongest links (listed, then roles, then shared sentences, most first) are kept.
 */
export const MAX_RELATED = 64;
