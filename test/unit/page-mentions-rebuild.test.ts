// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { blocksUnder } from '../../overlay/extract';
import { PageMentions } from '../../overlay/page-mentions';
import * as resolve from '../../src/matcher/resolve';
import type { TextMatch } from '../../src/messages/protocol';
import './support/static-range';

vi.mock('../../src/matcher/resolve', async (original) => {
  const actual = await original<typeof resolve>();
  return { ...actual, resolveMatches: vi.fn(actual.resolveMatches) };
});

function match(text: string, name: string, entities: string[], contextual: boolean[]): TextMatch {
  const start = text.indexOf(name);
  return { start, end: start + name.length, entities, contextual };
}

describe('page mentions, when the page’s names change', () => {
  it('read again only the blocks whose matches need the entity that changed', () => {
    document.body.innerHTML = '<p>Alibaba grew.</p><p>Ma said.</p><p>Zhang said.</p><p>Jack Ma came.</p>';
    const [plain, contextual, other, full] = [...blocksUnder(document.body)];
    const page = new PageMentions();
    page.update([
      { block: plain!, matches: [match(plain!.text, 'Alibaba', ['d/alibaba'], [false])] },
      { block: contextual!, matches: [match(contextual!.text, 'Ma', ['d/jack-ma'], [true])] },
      { block: other!, matches: [match(other!.text, 'Zhang', ['d/daniel-zhang'], [true])] },
    ]);
    const resolved = vi.mocked(resolve.resolveMatches);
    resolved.mockClear();
    // "Jack Ma" names a new entity in full: "Ma" now counts; "Alibaba" and "Zhang" read as they did.
    const { added } = page.update([{ block: full!, matches: [match(full!.text, 'Jack Ma', ['d/jack-ma'], [false])] }]);
    expect(added.map((m) => m.block.text)).toEqual(['Ma said.', 'Jack Ma came.']);
    const read = resolved.mock.calls.map(([{ candidates }]) => candidates.map((c) => c.entities.join()).join());
    expect(read.sort()).toEqual(['d/jack-ma', 'd/jack-ma']);
  });
});
