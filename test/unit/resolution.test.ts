// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blocksUnder, type Block } from '../../overlay/extract';
import { PageMentions } from '../../overlay/page-mentions';
import { deriveMentions } from '../../src/dataset/mentions';
import { patternsFromEntities } from '../../src/dataset/patterns';
import { relatedEntities } from '../../src/dataset/related';
import type { Alias } from '../../src/dataset/schema';
import { buildDictionary, scanCandidates, withKeys } from '../../src/matcher';
import { entityKey, parseEntityKey, type TextMatch } from '../../src/messages/protocol';
import { RESOLUTION_CASES, type ResolutionCase, type Shown } from './resolution-cases';
import './support/static-range';

const DATASET = 'cases';
/** The compiler reads the blocks as paragraphs of one article. */
const PARAGRAPH = '\n\n';

function entitiesOf(c: ResolutionCase) {
  const ids = Object.keys(c.entities);
  const entities = ids.map((id) => ({
    id,
    type: 'organization' as const,
    aliases: c.entities[id]!.map((a): Alias => (typeof a === 'string' ? { text: a } : 'text' in a ? a : { text: a.contextual, contextual: true })),
    related: c.related?.[id],
    roles: [],
    mentions: [],
  }));
  return { ids, entities };
}

function sorted(shown: Shown[]): Shown[] {
  return shown.map(([b, t, e]): Shown => [b, t, [...e].sort()]).sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
}

/** The compiler's path: deriveMentions over the article made of `kept` blocks. */
function compiled(c: ResolutionCase, kept: number[]): Shown[] {
  const { ids, entities } = entitiesOf(c);
  const text = kept.map((b) => c.blocks[b]).join(PARAGRAPH);
  const blockStarts = kept.map((_, i) => kept.slice(0, i).reduce((n, b) => n + c.blocks[b]!.length + PARAGRAPH.length, 0));
  const mentions = deriveMentions({ sources: [{ id: 'article', title: c.name, text }], entities });
  const bySpan = new Map<string, Shown>();
  mentions.forEach((list, entity) => {
    for (const m of list) {
      let i = blockStarts.length - 1;
      while (blockStarts[i]! > m.start) i--;
      const key = `${m.start}:${m.end}`;
      const shown = bySpan.get(key) ?? [kept[i]!, text.slice(m.start, m.end), []];
      shown[2].push(ids[entity]!);
      bySpan.set(key, shown);
    }
  });
  return sorted([...bySpan.values()]);
}

/** The page's path: what the background's matcher service would answer for each block, then PageMentions. */
function pagePath(c: ResolutionCase) {
  const { ids, entities } = entitiesOf(c);
  const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
  const related = relatedEntities(entities);
  const relatedOf = (entity: number) => related[entity]!;
  const key = (entity: number) => entityKey({ dataset: DATASET, id: ids[entity]! });
  const scanTexts = (texts: string[]): TextMatch[][] => texts.map((text) => withKeys(scanCandidates({ dictionary, text, relatedOf }), key));
  document.body.replaceChildren(
    ...c.blocks.map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    }),
  );
  const blocks = [...blocksUnder(document.body)];
  expect(blocks.map((b) => b.text)).toEqual(c.blocks);
  const page = new PageMentions();
  const shows = (): Shown[] =>
    sorted([...page.all()].map((m) => [blocks.indexOf(m.block), m.block.text.slice(m.start, m.end), m.entities.map((k) => parseEntityKey(k).id)]));
  const update = (which: Block[]) => {
    const results = scanTexts(which.map((b) => b.text));
    page.update(which.map((block, i) => ({ block, matches: results[i]! })));
  };
  const remove = (which: number[]) => page.update(which.map((b) => ({ block: blocks[b]!, matches: null })));
  return { blocks, page, shows, update, remove };
}

const everyBlock = (c: ResolutionCase) => c.blocks.map((_, i) => i);
const without = (c: ResolutionCase, removed: number[]) => everyBlock(c).filter((b) => !removed.includes(b));

describe.each(RESOLUTION_CASES)('$name', (c) => {
  it('compiles to what it shows', () => {
    expect(compiled(c, everyBlock(c))).toEqual(sorted(c.shows));
    if (c.then) expect(compiled(c, without(c, c.then.remove))).toEqual(sorted(c.then.shows));
  });

  it('shows the same on a page, scanned at once', () => {
    const p = pagePath(c);
    p.update(p.blocks);
    expect(p.shows()).toEqual(sorted(c.shows));
    if (c.then) {
      p.remove(c.then.remove);
      expect(p.shows()).toEqual(sorted(c.then.shows));
    }
  });

  it('shows the same on a page whose blocks arrive one by one, last first', () => {
    const p = pagePath(c);
    for (const block of [...p.blocks].reverse()) p.update([block]);
    expect(p.shows()).toEqual(sorted(c.shows));
  });
});
