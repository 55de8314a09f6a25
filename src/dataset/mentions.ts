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
  entities: readonly Pick<Entity, 'aliases'>[];
}): Mention[][] {
  const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
  const mentions: Mention[][] = entities.map(() => []);
  for (const { id, text } of sources) {
    // A reference without text has nothing to be mentioned in.
    if (text === undefined) continue;
    const matches = scanPage({ dictionary, text });
    for (const match of matches) {
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
