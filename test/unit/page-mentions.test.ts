// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blocksUnder } from '../../overlay/extract';
import { PageMentions } from '../../overlay/page-mentions';
import type { TextMatch } from '../../src/messages/protocol';
import './support/static-range';

const MA = 'd/jack-ma';
const ALI = 'd/alibaba';

function setup(html: string) {
  document.body.innerHTML = html;
  return [...blocksUnder(document.body)];
}

function match(text: string, name: string, entities: string[], contextual: boolean[]): TextMatch {
  const start = text.indexOf(name);
  return { start, end: start + name.length, entities, contextual };
}

describe('page mentions', () => {
  it('turn matches into ranges over the page text, each made only when it is asked for', () => {
    const made: unknown[] = [];
    const Original = globalThis.StaticRange;
    globalThis.StaticRange = class extends Original {
      constructor(init: StaticRangeInit) {
        super(init);
        made.push(this);
      }
    };
    try {
      const [b] = setup('<p>Met <a>Jack</a> <i>Ma</i>.</p>');
      const page = new PageMentions();
      const { added } = page.update([{ block: b!, matches: [match(b!.text, 'Jack Ma', [MA], [false])] }]);
      expect(added).toHaveLength(1);
      expect(made).toHaveLength(0);
      const r = added[0]!.range;
      expect([(r.startContainer as Text).data, r.startOffset, (r.endContainer as Text).data, r.endOffset]).toEqual(['Jack', 0, 'Ma', 2]);
      expect(added[0]!.range).toBe(r);
      expect(made).toHaveLength(1);
      expect(page.inNode(b!.nodes[2]!)).toEqual(added);
    } finally {
      globalThis.StaticRange = Original;
    }
  });

  it('show a contextual alias only while the page names its entity in full, anywhere', () => {
    const [b1, b2] = setup('<p>Ma said.</p><p>Jack Ma came.</p>');
    const page = new PageMentions();
    let changes = page.update([{ block: b1!, matches: [match(b1!.text, 'Ma', [MA], [true])] }]);
    expect(changes.added).toEqual([]);
    changes = page.update([{ block: b2!, matches: [match(b2!.text, 'Jack Ma', [MA], [false])] }]);
    expect(changes.added.map((m) => m.block.text)).toEqual(['Ma said.', 'Jack Ma came.']);
    changes = page.update([{ block: b2!, matches: null }]);
    expect(changes.removed.map((m) => m.block.text).sort()).toEqual(['Jack Ma came.', 'Ma said.']);
    expect([...page.all()]).toEqual([]);
  });

  it('keep only the candidates a contextual match may be', () => {
    const [b] = setup('<p>Alibaba and Ali and Ma.</p>');
    const page = new PageMentions();
    const text = b!.text;
    const { added } = page.update([
      {
        block: b!,
        matches: [match(text, 'Alibaba', [ALI], [false]), match(text, 'Ali ', [ALI, MA], [true, true]), match(text, 'Ma', [MA], [true])],
      },
    ]);
    expect(added.map((m) => [m.block.text.slice(m.start, m.end), m.entities])).toEqual([
      ['Alibaba', [ALI]],
      ['Ali ', [ALI]],
    ]);
  });

  it('keep unchanged mentions as they were on a rescan, so highlights do not flicker', () => {
    const [b] = setup('<p>Jack Ma and Alibaba.</p>');
    const page = new PageMentions();
    const matches = [match(b!.text, 'Jack Ma', [MA], [false]), match(b!.text, 'Alibaba', [ALI], [false])];
    page.update([{ block: b!, matches }]);
    const again = page.update([{ block: b!, matches: matches.slice(0, 1) }]);
    expect(again.added).toEqual([]);
    expect(again.removed.map((m) => m.entities)).toEqual([[ALI]]);
  });

  it('count mentions per entity', () => {
    const [b] = setup('<p>Jack Ma, Jack Ma and Alibaba.</p>');
    const t = b!.text;
    const page = new PageMentions();
    page.update([
      {
        block: b!,
        matches: [
          { start: 0, end: 7, entities: [MA], contextual: [false] },
          { start: 9, end: 16, entities: [MA], contextual: [false] },
          match(t, 'Alibaba', [ALI], [false]),
        ],
      },
    ]);
    expect(page.entityCounts()).toEqual(new Map([[MA, 2], [ALI, 1]]));
  });
});
