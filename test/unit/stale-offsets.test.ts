// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blocksUnder, readsAsExtracted } from '../../overlay/extract';
import { liveRange, mentionAtCaret } from '../../overlay/hit-test';
import { PageMentions } from '../../overlay/page-mentions';
import type { TextMatch } from '../../src/messages/protocol';
import './support/static-range';

const MA = 'd/jack-ma';

function read(html: string) {
  document.body.innerHTML = html;
  const [block] = [...blocksUnder(document.body)];
  return block!;
}

function match(text: string, name: string): TextMatch {
  const start = text.indexOf(name);
  return { start, end: start + name.length, entities: [MA], contextual: [false] };
}

/**
 * The page may edit its text between reading a block and the matcher's
 * answer, or between a mention's highlight and the pointer reaching it. The
 * offsets from the old text must then neither throw nor mark other text.
 */
describe('offsets made stale by a page edit', () => {
  it('make no mention when the text node was shortened, and nothing throws', () => {
    const block = read('<p>Yesterday <b>Jack Ma</b> said so.</p>');
    const found = match(block.text, 'Jack Ma');
    block.nodes[1]!.data = 'Ma';
    const page = new PageMentions();
    const changes = page.update([{ block, matches: [found] }]);
    expect(changes.added).toEqual([]);
    expect([...page.all()]).toEqual([]);
  });

  it('make no mention when other text of the same length took its place', () => {
    const block = read('<p>Yesterday Jack Ma said so.</p>');
    const found = match(block.text, 'Jack Ma');
    block.nodes[0]!.data = block.nodes[0]!.data.replace('Jack Ma', 'Pat Doe');
    expect(readsAsExtracted(block, found.start, found.end)).toBe(false);
    expect(new PageMentions().update([{ block, matches: [found] }]).added).toEqual([]);
  });

  it('judge only the nodes a mention spans: offsets map onto each node as it was read', () => {
    const block = read('<p><i>Yesterday</i> Jack Ma said so.</p>');
    const found = match(block.text, 'Jack Ma');
    block.nodes[0]!.data = 'On Monday last week';
    expect(readsAsExtracted(block, found.start, found.end)).toBe(true);
    block.nodes[1]!.data = ` ${block.nodes[1]!.data}`;
    expect(readsAsExtracted(block, found.start, found.end)).toBe(false);
  });

  it('still make the mention when the text is as it was read, across nodes', () => {
    const block = read('<p>Met <a>Jack</a> <i>Ma</i>.</p>');
    const changes = new PageMentions().update([{ block, matches: [match(block.text, 'Jack Ma')] }]);
    expect(changes.added.map((m) => liveRange(document, m.range).toString())).toEqual(['Jack Ma']);
  });

  it('give a range that does not throw, and no hover target, once a mention’s node is cut short', () => {
    const block = read('<p>Yesterday Jack Ma said so.</p>');
    const page = new PageMentions();
    const [mention] = page.update([{ block, matches: [match(block.text, 'Jack Ma')] }]).added;
    const node = block.nodes[0]!;
    node.data = 'Gone.';
    expect(() => liveRange(document, mention!.range)).not.toThrow();
    expect(mentionAtCaret({ doc: document, node, offset: 2, mentions: page })).toBeNull();
  });
});
