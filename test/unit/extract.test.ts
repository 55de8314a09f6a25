// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blocksUnder, spanIn, type ExtractOptions } from '../../overlay/extract';

function blocks(html: string, options: ExtractOptions = {}): string[] {
  document.body.innerHTML = html;
  return [...blocksUnder(document.body, options)].map((b) => b.text);
}

describe('text extraction', () => {
  it('joins text across inline elements', () => {
    document.body.innerHTML = '<p>Met <a href="#">Jack</a> <span><b>Ma</b></span> today</p>';
    const [block, ...rest] = [...blocksUnder(document.body)];
    expect(rest).toEqual([]);
    expect(block!.text).toBe('Met Jack Ma today');
    expect(block!.nodes.map((n) => n.data)).toEqual(['Met ', 'Jack', ' ', 'Ma', ' today']);
    expect(block!.starts).toEqual([0, 4, 8, 9, 11]);
  });

  it('treats custom elements as inline, as CSS does', () => {
    expect(blocks('<p>Jack <x-name>Ma</x-name></p>')).toEqual(['Jack Ma']);
  });

  it('ends a block at every block element, entering or leaving it', () => {
    expect(blocks('<div>Jack<p>x</p>Ma</div>')).toEqual(['Jack', 'x', 'Ma']);
    expect(blocks('<div><p>Jack</p> Ma</div>')).toEqual(['Jack', ' Ma']);
    expect(blocks('<ul><li>Jack</li><li>Ma</li></ul>')).toEqual(['Jack', 'Ma']);
    expect(blocks('<table><tr><td>Jack</td><td>Ma</td></tr></table>')).toEqual(['Jack', 'Ma']);
  });

  it('ends a block at a line break', () => {
    expect(blocks('<p>Jack<br>Ma</p>')).toEqual(['Jack', 'Ma']);
  });

  it('drops whitespace-only blocks', () => {
    expect(blocks('<div>  <p>Ma</p>\n  </div>')).toEqual(['Ma']);
  });

  it.each([
    ['script', '<script>var n = "Jack Ma";</script>'],
    ['style', '<style>.jack-ma::after { content: "Jack Ma" }</style>'],
    ['noscript', '<noscript>Jack Ma</noscript>'],
    ['template', '<template><p>Jack Ma</p></template>'],
    ['textarea', '<textarea>Jack Ma</textarea>'],
    ['select', '<select><option>Jack Ma</option></select>'],
    ['contenteditable', '<div contenteditable="true"><p>Jack Ma</p></div>'],
    ['contenteditable (empty value)', '<div contenteditable><span>Jack Ma</span></div>'],
    ['contenteditable plaintext-only', '<div contenteditable="plaintext-only">Jack Ma</div>'],
  ])('skips %s', (_name, html) => {
    expect(blocks(`<p>before</p>${html}<p>after</p>`)).toEqual(['before', 'after']);
  });

  it('skips input values, which are not text nodes at all', () => {
    expect(blocks('<p>a</p><input value="Jack Ma"><p>b</p>')).toEqual(['a', 'b']);
  });

  it('reads contenteditable="false" islands', () => {
    expect(blocks('<div contenteditable="false"><p>Jack Ma</p></div>')).toEqual(['Jack Ma']);
  });

  it('never reads its own elements', () => {
    document.body.innerHTML = '<p>Jack Ma</p><factlens-card><p>Jack Ma card</p></factlens-card>';
    const own = document.querySelector('factlens-card')!;
    expect([...blocksUnder(document.body, { ignore: new Set([own]) })].map((b) => b.text)).toEqual(['Jack Ma']);
  });

  it('reads open shadow roots as blocks of their own, and reports them', () => {
    document.body.innerHTML = '<p>Before</p><div id="host"></div><p>After</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Inside <b>Jack</b> Ma</p>';
    const seen: ShadowRoot[] = [];
    const texts = [...blocksUnder(document.body, { onShadowRoot: (r) => seen.push(r) })].map((b) => b.text);
    expect(texts).toEqual(['Before', 'Inside Jack Ma', 'After']);
    expect(seen).toEqual([shadow]);
  });

  it('maps block offsets back to text nodes', () => {
    document.body.innerHTML = '<p>Met <a>Jack</a> <span>Ma</span> today</p>';
    const [block] = [...blocksUnder(document.body)];
    const nodeAt = (i: number) => block!.nodes[i]!.data;
    const name = spanIn(block!, 4, 11);
    expect([nodeAt(name.first), name.startOffset]).toEqual(['Jack', 0]);
    expect([nodeAt(name.last), name.endOffset]).toEqual(['Ma', 2]);
    // A boundary between two nodes: a start belongs to the next node, an end to the previous one.
    const boundary = spanIn(block!, 8, 8);
    expect(nodeAt(boundary.first)).toBe(' ');
    expect(nodeAt(boundary.last)).toBe('Jack');
  });
});
