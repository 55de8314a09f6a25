import { isPartialDate } from '../dates/partial-date';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_TITLE_LENGTH, MAX_VERSION_LENGTH } from '../limits';
import { charClass, CJK, foldText, WORD } from '../text/fold';
import { displayText } from './display-text';
import { isWebUrl } from './web-url';
import { z } from './z';

/**
 * The public dataset format: what `npm run data` writes to
 * assets/dataset.json and what users import. docs/dataset-format.md
 * documents it; docs/dataset.schema.json is generated from this file.
 * Messages are problem codes (problem.ts), said in the reader's language.
 */
export const DATASET_FORMAT = 'factlens-dataset/2';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'problemIdChars')
  .max(200);
const text = z.string().min(1, 'problemEmpty');
const partialDate = z.string().refine(isPartialDate, 'problemDateFormat');
const offset = z.number().int().nonnegative();
/** What the reader is shown; display-text.ts says why these are refused rather than cleaned. */
const name = displayText(text, MAX_NAME_LENGTH);
const title = displayText(text, MAX_TITLE_LENGTH);
const description = displayText(z.string(), MAX_DESCRIPTION_LENGTH);

/** The matcher starts names only at a letter, digit or CJK character, so no other alias could ever match. */
function canMatch(alias: string): boolean {
  const folded = foldText(alias);
  if (folded.length === 0) return false;
  const cls = charClass(folded.charCodeAt(0));
  return cls === WORD || cls === CJK;
}

export const aliasSchema = z.strictObject({
  text: name.refine(canMatch, 'problemAliasStart'),
  contextual: z.boolean().optional(),
  /** A common full name ("Zhang Yong"): kept only where the page also names this entity or a related one (matcher/resolve.ts). */
  needsContext: z.boolean().optional(),
  /** Matched with its own case. Defaults to true for an all-capital acronym ("AFP"); see caseSensitiveByDefault. */
  caseSensitive: z.boolean().optional(),
  lang: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'problemLangTag').optional(),
});

/**
 * A quote with offsets when its source has text (validate.ts checks it there
 * verbatim); a quote without offsets, or none, when the source is a reference.
 */
const evidenceSchema = z.strictObject({
  source: id,
  quote: text.optional(),
  start: offset.optional(),
  end: offset.optional(),
});

export const roleSchema = z.strictObject({
  title,
  organization: id.optional(),
  start: partialDate.optional(),
  end: partialDate.optional(),
  inferred: z.boolean().optional(),
  evidence: z.array(evidenceSchema).min(1, 'problemNoEvidence'),
});

const mentionSchema = z.strictObject({
  source: id,
  start: offset,
  end: offset,
  sentence: text,
  sentenceStart: offset,
});

/** `wikidata:Q42`, `opensanctions:NK-…`: the same entity in another register. */
const externalId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[^\s]+$/, 'problemExternalId')
  .max(200);

/** Only links a reader can open in a browser tab: no javascript:, data: or file: address. */
const webUrl = z
  .string()
  .max(2000)
  .refine(isWebUrl, 'problemWebUrl');

const ENTITY_TYPES = ['person', 'organization', 'place', 'event'] as const;

export const entitySchema = z.strictObject({
  id,
  name,
  type: z.enum(ENTITY_TYPES),
  description: description.optional(),
  aliases: z.array(aliasSchema).min(1, 'problemNoAlias'),
  /** Entities of this dataset whose names on a page support this one's names that need context. */
  related: z.array(id).optional(),
  roles: z.array(roleSchema).default([]),
  mentions: z.array(mentionSchema).default([]),
  sameAs: z.array(externalId).optional(),
});

export const sourceSchema = z.strictObject({
  id,
  title,
  publisher: displayText(z.string(), MAX_TITLE_LENGTH).optional(),
  published: partialDate.optional(),
  publishedInferred: z.boolean().optional(),
  publishedNote: description.optional(),
  /** Where it was published. A source needs `url`, `text` or both (validate.ts). */
  url: webUrl.optional(),
  text: text.optional(),
});

export const datasetSchema = z.strictObject({
  format: z.literal(DATASET_FORMAT),
  id,
  name,
  version: displayText(text, MAX_VERSION_LENGTH),
  description: description.optional(),
  sources: z.array(sourceSchema).default([]),
  entities: z.array(entitySchema),
});

export type Alias = z.infer<typeof aliasSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Mention = z.infer<typeof mentionSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type EntityType = Entity['type'];
export type Source = z.infer<typeof sourceSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
