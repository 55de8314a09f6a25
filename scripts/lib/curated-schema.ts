import { aliasSchema, entitySchema, roleSchema, sourceSchema } from '../../src/dataset/schema';
import { z } from '../../src/dataset/z';

/**
 * The authoring form (data/, and any folder `npm run data -- --in` reads;
 * docs/authoring.md): like the public format, but quotes carry no offsets
 * (the compiler finds them), mentions are derived, and an alias may be a bare
 * string. A source with a url and no text file is a reference, cited with an
 * optional quote that is not checked.
 */
const curatedAliasSchema = z.union([aliasSchema.shape.text, aliasSchema]);

const curatedRoleSchema = roleSchema.extend({
  evidence: z
    .array(z.strictObject({ source: z.string().min(1), quote: z.string().min(1).optional() }))
    .min(1, 'needs at least one quote or reference'),
});

export const curatedEntitySchema = z.strictObject({
  id: entitySchema.shape.id,
  name: entitySchema.shape.name,
  type: entitySchema.shape.type,
  description: z.string().min(1, 'must not be empty'),
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
  description: z.string().optional(),
});

export type CuratedEntity = z.infer<typeof curatedEntitySchema>;
