import type { Pattern } from '../matcher/dictionary';
import { isCaseSensitive } from './alias-case';
import type { Alias, Entity } from './schema';

/** One alias as a matcher pattern of entity `entity`: the one place alias fields become matching rules. */
export function patternOf(alias: Pick<Alias, 'text' | 'contextual' | 'needsContext' | 'caseSensitive'>, entity: number): Pattern {
  return {
    text: alias.text,
    contextual: alias.contextual === true,
    needsContext: alias.needsContext === true,
    caseSensitive: isCaseSensitive(alias),
    entity,
  };
}

/** Every alias of every entity as a matcher pattern; `entity` indexes `entities`. */
export function patternsFromEntities(entities: readonly Pick<Entity, 'aliases'>[]): Pattern[] {
  const patterns: Pattern[] = [];
  entities.forEach((entity, index) => {
    for (const alias of entity.aliases) {
      patterns.push(patternOf(alias, index));
    }
  });
  return patterns;
}
