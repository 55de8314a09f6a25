import { scanPage } from '../matcher/candidates';
import { buildDictionary } from '../matcher/dictionary';
import { sentenceAround } from '../text/sentences';
import { patternsFromEntities } from './patterns';
import { relatedEntities, type RelationFacts } from './related';
import type { Entity, Mention, Source } from './schema';

/** An entity as mention derivation reads it; without an id it relates to nothing. */
type MentionFacts = Pick<Entity, 'aliases'> & Partial<Pick<RelationFacts, 'id' | 'type' | 'related' | 'roles'>>;

/**
 * Every entity's mentions in the sources, found by the same matcher the
 * overlay runs on pages, each source read as one page. Names that need
 * context count where their entity or one related by `related` or by a role
 * is named; the compiler has already written the sentences' links into
 * `related` (sentenceLinks), which mentions could not give before they exist.
 */
export function deriveMentions({ sources, entities }: { sources: readonly Source[]; entities: readonly MentionFacts[] }): Mention[][] {
  const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
  const related = relatedEntities(
    entities.map((e, i) => ({ id: e.id ?? `\u0000${i}`, type: e.type ?? 'organization', related: e.related, roles: e.roles ?? [], mentions: [] })),
  );
  const relatedOf = (e: number) => related[e]!;
  const mentions: Mention[][] = entities.map(() => []);
  for (const { id, text } of sources) {
    // A reference without text has nothing to be mentioned in.
    if (text === undefined) continue;
    for (const match of scanPage({ dictionary, text, relatedOf })) {
      const sentence = sentenceAround({ text, start: match.start, end: match.end });
      for (const e of match.entities) {
        mentions[e]!.push({
          source: id,
          start: match.start,
          end: match.end,
          sentence: text.slice(sentence.start, sentence.end),
          sentenceStart: sentence.start,
        });
      }
    }
  }
  return mentions;
}
