import { aliasSchema, entitySchema, roleSchema, sourceSchema } from '../../src/dataset/schema';
import { z } from '../../src/dataset/z';

/**
 * The hand-edited form of data/: like the public format, but quotes carry no
 * offsets (the compiler finds them), mentions are derived, and an alias may be
 * a bare string.
 */
const curatedAliasSchema = z.union([aliasSchema.shape.text, aliasSchema]);

const curatedRoleSchema = roleSchema.extend({
  evidence: z
    .array(z.strictObject({ source: z.string().min(1), quote: z.string().min(1) }))
    .min(1, 'needs at least one quote'),
});

export const curatedEntitySchema = z.strictObject({
  id: entitySchema.shape.id,
  name: entitySchema.shape.name,
  type: entitySchema.shape.type,
  description: z.string().min(1, 'must not be empty'),
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
