import { scanPage } from '../matcher/candidates';
import { buildDictionary } from '../matcher/dictionary';
import { sentenceAround } from '../text/sentences';
import { patternsFromEntities } from './patterns';
import type { Entity, Mention, Source } from './schema';

/**
 * Every entity's mentions in the sources, found by the same matcher the
 * overlay runs on pages, each source read as one page.
 */
export function deriveMentions({
  sources,
  entities,
}: {
  sources: readonly Source[];
  entities: readonly Pick<Entity, 'aliases' | 'type'>[];
}): Mention[][] {
  const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
  const mentions: Mention[][] = entities.map(() => []);
  for (const source of sources) {
    const matches = scanPage({ dictionary, text: source.text });
    for (const match of matches) {
      const sentence = sentenceAround({ text: source.text, start: match.start, end: match.end });
      for (const e of match.entities) {
        mentions[e]!.push({
          source: source.id,
          start: match.start,
          end: match.end,
          sentence: source.text.slice(sentence.start, sentence.end),
          sentenceStart: sentence.start,
        });
      }
    }
  }
  return mentions;
}
