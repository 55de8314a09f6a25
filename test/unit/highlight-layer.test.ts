// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createHighlightLayer } from '../../overlay/highlight-layer';
import { HIGHLIGHT_STYLES } from '../../src/messages/appearance';

/** A sheet that remembers its text: happy-dom does not parse ::highlight rules. */
class TextSheet extends CSSStyleSheet {
  text = '';
  override replaceSync(text: string): void {
    this.text = text;
    super.replaceSync(text);
  }
}

/** happy-dom has no Custom Highlight API: a Map for the registry, a Set of ranges for a Highlight. */
function installHighlightApi(): Map<string, unknown> {
  const registry = new Map<string, unknown>();
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  Object.assign(window, { Highlight: class extends Set<AbstractRange> {}, CSSStyleSheet: TextSheet });
  return registry;
}

function rangeOver(text: string): AbstractRange {
  const p = document.createElement('p');
  p.textContent = text;
  document.body.append(p);
  const r = document.createRange();
  r.selectNodeContents(p);
  return r;
}

/** What a page can read: the registry's names and the document's adopted rules. */
function pageView(registry: Map<string, unknown>) {
  return {
    names: [...registry.keys()],
    rules: document.adoptedStyleSheets.map((s) => (s as TextSheet).text),
  };
}

describe('the highlight layer', () => {
  let registry: Map<string, unknown>;
  let controller: AbortController;
  beforeEach(() => {
    registry = installHighlightApi();
    document.adoptedStyleSheets = [];
    controller = new AbortController();
  });
  const layer = () => createHighlightLayer({ win: window as unknown as Window & typeof globalThis, signal: controller.signal });

  it('registers no name and adopts no sheet while it holds no range', () => {
    const l = layer();
    l.add([]);
    l.ensureRegistered();
    l.setStyle('wash');
    expect(pageView(registry)).toEqual({ names: [], rules: [] });
  });

  it('registers one name while it holds ranges, with no sheet in the default style, and takes it out when the last range goes', () => {
    const l = layer();
    const a = rangeOver('Jack Ma');
    const b = rangeOver('Alibaba');
    l.setStyle('both');
    l.add([a, b]);
    expect(pageView(registry)).toEqual({ names: ['factlens-mention'], rules: [] });
    l.remove([a]);
    expect(pageView(registry).names).toEqual(['factlens-mention']);
    l.remove([b]);
    expect(pageView(registry)).toEqual({ names: [], rules: [] });
  });

  it('keeps the one name for every style; another style than the default is one sheet beside it, gone with it', () => {
    const l = layer();
    const a = rangeOver('Jack Ma');
    l.add([a]);
    const looks = new Set<string>();
    for (const style of HIGHLIGHT_STYLES) {
      l.setStyle(style);
      const view = pageView(registry);
      expect(view.names, style).toEqual(['factlens-mention']);
      expect(view.rules, style).toHaveLength(style === 'both' ? 0 : 1);
      looks.add(view.rules[0] ?? 'manifest');
      expect(view.rules.every((r) => r.startsWith('::highlight(factlens-mention)')), style).toBe(true);
    }
    expect(looks.size).toBe(HIGHLIGHT_STYLES.length);
    l.setStyle('wash');
    l.remove([a]);
    expect(pageView(registry)).toEqual({ names: [], rules: [] });
  });

  it('does not put back a name the page took out once the layer is empty', () => {
    const l = layer();
    const a = rangeOver('Jack Ma');
    l.add([a]);
    registry.delete('factlens-mention');
    l.remove([a]);
    l.ensureRegistered();
    expect(pageView(registry)).toEqual({ names: [], rules: [] });
  });

  it('puts the name and its sheet back when the page took them out while it holds ranges', () => {
    const l = layer();
    l.setStyle('underline');
    l.add([rangeOver('Jack Ma')]);
    registry.clear();
    document.adoptedStyleSheets = [];
    l.ensureRegistered();
    expect(pageView(registry).names).toEqual(['factlens-mention']);
    expect(pageView(registry).rules).toHaveLength(1);
  });

  it("leaves a highlight the page registered under Factlens's name alone while it has nothing to show, and when it stops", () => {
    const planted = new Set();
    registry.set('factlens-mention', planted);
    const l = layer();
    l.ensureRegistered();
    controller.abort();
    expect(registry.get('factlens-mention')).toBe(planted);
    expect(document.adoptedStyleSheets).toEqual([]);
  });

  it('takes its name and sheet out when its signal aborts, and keeps them out', () => {
    const l = layer();
    l.setStyle('wash');
    l.add([rangeOver('Jack Ma')]);
    controller.abort();
    expect(pageView(registry)).toEqual({ names: [], rules: [] });
    l.add([rangeOver('Alibaba')]);
    l.ensureRegistered();
    expect(pageView(registry)).toEqual({ names: [], rules: [] });
  });
});
