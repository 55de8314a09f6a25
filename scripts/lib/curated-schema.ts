import { aliasSchema, entitySchema, roleSchema, sourceSchema } from '../../src/dataset/schema';
import { z } from '../../src/dataset/z';

/**
 * The authoring form (data/, and any folder `npm run data -- --in` reads;
 * docs/authoring.md): like the public format, but quotes carry no offsets
 * (the compiler finds them), mentions are derived, and an alias may be a bare
 * string. A source with a url and no text file is a reference, cited with an
 * optional quote that is not checked. Three fields exist only here, for the
 * audit (audit.ts), and are not compiled into the public format:
 * - a quote's `about`: the entity the quote names instead of the role's holder
 *   (the successor whose start ends the role, the organization whose founding
 *   dates it);
 * - a role's `noOrganization`: why the role names no organization (the text
 *   names none), since every other role must name one;
 * - an entity's `typeNote`: why its type is not the one its name suggests
 *   (a product called "E City" is no city).
 */
const curatedAliasSchema = z.union([aliasSchema.shape.text, aliasSchema]);

const curatedRoleSchema = roleSchema.extend({
  evidence: z
    .array(
      z.strictObject({ source: z.string().min(1), quote: z.string().min(1).optional(), about: entitySchema.shape.id.optional() }),
    )
    .min(1, 'needs at least one quote or reference'),
  noOrganization: z.string().min(1, 'must say why the role names no organization').optional(),
});

export const curatedEntitySchema = z.strictObject({
  id: entitySchema.shape.id,
  name: entitySchema.shape.name,
  type: entitySchema.shape.type,
  description: z.string().min(1, 'must not be empty'),
  typeNote: z.string().min(1, 'must say why the name misleads').optional(),
  sameAs: entitySchema.shape.sameAs,
  aliases: z.array(curatedAliasSchema).min(1, 'needs at least one alias'),
  related: entitySchema.shape.related,
  roles: z.array(curatedRoleSchema).default([]),
});

export const curatedSourceSchema = sourceSchema.omit({ text: true }).extend({
  original: z.string().optional(),
});

export const curatedMetaSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.union([z.string(), z.number()]),
  /** When data/ last changed (YYYY-MM-DD): part of the bundled version, shown on the options page. Stated, not read from the clock, so builds are reproducible. */
  updated: z.iso.date().optional(),
  description: z.string().optional(),
});

export type CuratedEntity = z.infer<typeof curatedEntitySchema>;
