// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blocksUnder } from '../../overlay/extract';
import { overrideCss } from '../../overlay/highlight-style';
import { PageMentions } from '../../overlay/page-mentions';
import { createPrivateMarks } from '../../overlay/private-marks';
import { clipBox, paddingBox } from '../../src/layout/clip';
import { HIGHLIGHT_STYLES } from '../../src/messages/appearance';
import { parseEntityKey } from '../../src/messages/entity-key';
import type { TextMatch } from '../../src/messages/protocol';
import './support/static-range';

const box = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });

describe('clipping a private mark', () => {
  const viewport = box(0, 0, 800, 600);

  it('keeps a box that every clip contains whole', () => {
    expect(clipBox(box(10, 20, 60, 38), [viewport, box(0, 0, 400, 300)])).toEqual(box(10, 20, 60, 38));
  });

  it('cuts a box to the part inside the innermost scroll container', () => {
    expect(clipBox(box(90, 140, 160, 158), [viewport, box(0, 100, 400, 500), box(100, 150, 300, 250)])).toEqual(box(100, 150, 160, 158));
  });

  it('paints nothing for a mention scrolled out of its container, or out of the viewport', () => {
    expect(clipBox(box(10, 20, 60, 38), [viewport, box(0, 100, 400, 300)])).toBeNull();
    expect(clipBox(box(10, -40, 60, -22), [viewport])).toBeNull();
    expect(clipBox(box(10, 700, 60, 718), [viewport])).toBeNull();
  });

  it('paints no line along an edge: a box that only touches a clip is nothing', () => {
    expect(clipBox(box(10, 80, 60, 100), [box(0, 100, 400, 300)])).toBeNull();
  });

  it('clips to the inside of borders, without the scrollbar', () => {
    const border = box(50, 100, 260, 320);
    expect(paddingBox(border, { clientLeft: 2, clientTop: 3, clientWidth: 191, clientHeight: 214 })).toEqual(box(52, 103, 243, 317));
  });
});

describe('which mentions are private', () => {
  const PRIVATE = 'secret';
  const isPrivate = (entities: readonly string[]) => entities.every((k) => parseEntityKey(k).dataset === PRIVATE);

  function mentionsOf(html: string, matches: (text: string) => TextMatch[]) {
    document.body.innerHTML = html;
    const [block] = [...blocksUnder(document.body)];
    const page = new PageMentions(isPrivate);
    return page.update([{ block: block!, matches: matches(block!.text) }]).added.map((m) => [m.block.text.slice(m.start, m.end), m.private]);
  }
  const at = (text: string, name: string, entities: string[], contextual = entities.map(() => false)): TextMatch => {
    const start = text.indexOf(name);
    return { start, end: start + name.length, entities, contextual };
  };

  it('marks a mention private when all its entities are, and public when any is public', () => {
    expect(
      mentionsOf('<p>Quentin Oakridge met Jack Ma and Lin.</p>', (t) => [
        at(t, 'Quentin Oakridge', [`${PRIVATE}/quentin`]),
        at(t, 'Jack Ma', ['bundled/jack-ma']),
        at(t, 'Lin', [`${PRIVATE}/lin`, 'bundled/lin']),
      ]),
    ).toEqual([
      ['Quentin Oakridge', true],
      ['Jack Ma', false],
      // Shown publicly, it reveals only the public entity, which the page can know anyway.
      ['Lin', false],
    ]);
  });

  it('decides by the entities that stay after the contextual rule, not by the candidates', () => {
    // "Ma" is contextual for the public entity, never named in full here; it stays only as the private one.
    expect(mentionsOf('<p>Ma spoke.</p>', (t) => [at(t, 'Ma', ['bundled/jack-ma', `${PRIVATE}/ma`], [true, false])])).toEqual([['Ma', true]]);
  });
});

describe('the private marks look like the highlights', () => {
  const overlay = join(import.meta.dirname, '..', '..', 'overlay');
  /** Each rule's colours by name: highlight.css names them in ::highlight(), private-marks.css as classes. */
  function colours(file: string, selector: RegExp): Map<string, string[]> {
    const css = readFileSync(join(overlay, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const out = new Map<string, string[]>();
    for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const name = selector.exec(m[1]!.trim())?.[1];
      if (name) out.set(name, [...m[2]!.matchAll(/rgb\([^)]*\)/g)].map((c) => c[0]));
    }
    return out;
  }

  it('uses the same colours as the highlight, in every style', () => {
    const rgb = (css: string) => [...css.matchAll(/rgb\([^)]*\)/g)].map((c) => c[0]);
    const highlight = colours('highlight.css', /^::highlight\(([\w-]+)\)$/).get('factlens-mention');
    const marks = colours('private-marks.css', /^\.style-([\w-]+)$/);
    expect(highlight?.length).toBeGreaterThan(0);
    expect(marks.get('both')).toEqual(highlight);
    for (const style of HIGHLIGHT_STYLES.filter((s) => s !== 'both')) expect(marks.get(style), style).toEqual(rgb(overrideCss(style)!));
  });
});

describe('what the private marks run in a page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('paints in a task of its own, never in an animation frame, where the page renders', async () => {
    vi.stubGlobal('ResizeObserver', class { observe() {} disconnect() {} });
    const frames = vi.spyOn(window, 'requestAnimationFrame');
    document.body.innerHTML = '<p>Quentin Oakridge</p>';
    const stop = new AbortController();
    const marks = createPrivateMarks({ container: document.createElement('div'), win: window, signal: stop.signal });
    const text = document.body.firstChild!.firstChild!;
    marks.add([new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 7 })]);
    const measured = vi.spyOn(Range.prototype, 'getBoundingClientRect');
    await new Promise((r) => setTimeout(r, 50));
    // The paint ran (it measured the mention), and not in a frame.
    expect(measured).toHaveBeenCalled();
    expect(frames).not.toHaveBeenCalled();
    stop.abort();
  });

  it('watches scrolling and reflow only while there is a mark to paint', async () => {
    const observing = new Set<unknown>();
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {
          observing.add(this);
        }
        disconnect() {
          observing.delete(this);
        }
      },
    );
    const listening = () => vi.mocked(window.addEventListener).mock.calls.filter(([type, , options]) => ['scroll', 'resize'].includes(type) && !(options as AddEventListenerOptions).signal?.aborted).length;
    vi.spyOn(window, 'addEventListener');
    document.body.innerHTML = '<p>Quentin Oakridge</p>';
    const stop = new AbortController();
    const marks = createPrivateMarks({ container: document.createElement('div'), win: window, signal: stop.signal });
    expect([observing.size, listening()]).toEqual([0, 0]);
    const text = document.body.firstChild!.firstChild!;
    const range = new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 7 });
    marks.add([range]);
    expect([observing.size, listening()]).toEqual([1, 2]);
    marks.remove([range]);
    await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, 20));
    expect([observing.size, listening()]).toEqual([0, 0]);
    marks.add([range]);
    stop.abort();
    expect([observing.size, listening()]).toEqual([0, 0]);
  });
});
