import type { Pattern } from '../matcher/dictionary';
import type { Entity } from './schema';

/** Every alias of every entity as a matcher pattern; `entity` indexes `entities`. */
export function patternsFromEntities(entities: readonly Pick<Entity, 'aliases' | 'type'>[]): Pattern[] {
  const patterns: Pattern[] = [];
  entities.forEach((entity, index) => {
    for (const alias of entity.aliases) {
      patterns.push({ text: alias.text, contextual: alias.contextual === true, entity: index, person: entity.type === 'person' });
    }
  });
  return patterns;
}
