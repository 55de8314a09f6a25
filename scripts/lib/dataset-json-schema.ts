import { checkDisplayText, DISPLAY_TEXT_PATTERN } from '../../src/dataset/display-text';
import { DATASET_FORMAT, datasetSchema } from '../../src/dataset/schema';
import { isWebUrl } from '../../src/dataset/web-url';
import { z } from '../../src/dataset/z';
import { isPartialDate } from '../../src/dates/partial-date';

/**
 * A stable identifier, not a download address: the schema ships as
 * docs/dataset.schema.json. The number follows DATASET_FORMAT.
 */
const DATASET_SCHEMA_ID = `urn:factlens:dataset-format:${DATASET_FORMAT.split('/')[1]}`;

/**
 * What JSON Schema can say about a partial date. The zod schema checks it with
 * isPartialDate (a refinement, which toJSONSchema drops); this pattern adds the
 * shape and month/day ranges but not days per month ("2023-02-30").
 */
const PARTIAL_DATE_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$';

/** Whether `schema` carries the refinement or check `fn`, which toJSONSchema cannot see into. */
function hasRefinement(schema: z.core.$ZodType, fn: unknown): boolean {
  const checks = schema._zod.def.checks ?? [];
  return checks.some((check) => {
    const def = check._zod.def as { check: string; fn?: unknown };
    // .refine(fn) keeps fn in its def; .check(fn) is the check itself.
    return def.check === 'custom' && (def.fn === fn || check._zod.check === fn);
  });
}

/**
 * The JSON Schema (draft 2020-12) of the public dataset format, generated from
 * datasetSchema. It describes a file as written, so fields with defaults
 * (`sources`, `roles`, `mentions`) are optional. Rules across fields (ids,
 * references, offsets, alias ownership) are only in validateDataset.
 */
export function datasetJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(datasetSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    reused: 'inline',
    override: ({ zodSchema, jsonSchema }) => {
      if (hasRefinement(zodSchema, isPartialDate)) {
        jsonSchema.pattern = PARTIAL_DATE_PATTERN;
        jsonSchema.description = 'A partial date: YYYY, YYYY-MM or YYYY-MM-DD.';
      }
      if (hasRefinement(zodSchema, isWebUrl)) {
        jsonSchema.format = 'uri';
        jsonSchema.pattern = '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]';
        jsonSchema.description = 'An http: or https: address.';
      }
      if (hasRefinement(zodSchema, checkDisplayText)) {
        // No bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and no lone surrogates.
        jsonSchema.pattern = DISPLAY_TEXT_PATTERN;
      }
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: DATASET_SCHEMA_ID,
    title: `Factlens dataset (${DATASET_FORMAT})`,
    description:
      'People, organizations and places with aliases, dated roles backed by evidence from sources (full texts ' +
      'or linked references), and mentions in those texts. Validators must also apply the rules in ' +
      'dataset-format.md that JSON Schema cannot express: unique ids, known references, a text or url on each ' +
      'source, quotes with offsets into sources with text, mentions at their offsets, role dates in order, ' +
      'known related entities, entities that can match, and non-contextual aliases owned by one entity.',
    ...rest,
  };
}
