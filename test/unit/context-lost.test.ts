import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { clearPredecessor, CONTEXT_CHECK_MS, quietWhenOrphaned } from '../../entrypoints/content/context-lost';
import { overrideCss } from '../../overlay/highlight-style';

/** A stand-in for WXT's ContentScriptContext: valid until `lose()`. */
function fakeCtx() {
  let valid = true;
  const ticks: { handler: () => void; ms: number }[] = [];
  return {
    get isInvalid() {
      return !valid;
    },
    block: () => new Promise<never>(() => {}),
    setInterval(handler: () => void, ms: number) {
      ticks.push({ handler, ms });
      return 0;
    },
    lose: () => {
      valid = false;
    },
    ticks,
  };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

describe('quietWhenOrphaned', () => {
  it('passes requests through while the extension is there, errors included', async () => {
    const ctx = fakeCtx();
    const request = vi.fn(async () => ({ ok: 1 }) as never);
    const guarded = quietWhenOrphaned({ ctx, request });
    expect(await guarded({ type: 'getAppearance' })).toEqual({ ok: 1 });
    request.mockRejectedValueOnce(new Error('Factlens: malformed message'));
    await expect(guarded({ type: 'getAppearance' })).rejects.toThrow('malformed message');
  });

  it('asks the context every second, so an idle script notices too', () => {
    const ctx = fakeCtx();
    quietWhenOrphaned({ ctx, request: vi.fn() });
    expect(ctx.ticks.map((t) => t.ms)).toEqual([CONTEXT_CHECK_MS]);
  });

  it('once the context is gone, sends nothing and never settles', async () => {
    const ctx = fakeCtx();
    const request = vi.fn();
    const guarded = quietWhenOrphaned({ ctx, request });
    ctx.lose();
    expect(await settled(guarded({ type: 'getAppearance' }))).toBe(false);
    expect(request).not.toHaveBeenCalled();
  });

  it('turns "Extension context invalidated" mid-request into silence rather than an error', async () => {
    const ctx = fakeCtx();
    const request = vi.fn(() => {
      ctx.lose();
      return Promise.reject(new Error('Extension context invalidated.'));
    });
    const guarded = quietWhenOrphaned({ ctx, request: request as never });
    expect(await settled(guarded({ type: 'getAppearance' }))).toBe(false);
  });
});

describe('clearPredecessor', () => {
  it('removes the old highlight sheet, and nothing of the page, not even a highlight under our name', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    doc.body.innerHTML = '<p>text</p>';
    // happy-dom does not parse ::highlight rules: sheets as a browser shows them.
    const sheet = (cssText: string) => ({ cssRules: [{ cssText }] }) as unknown as CSSStyleSheet;
    const pageSheet = sheet('p { color: red; }');
    let adopted = [pageSheet, sheet(overrideCss('wash')!)];
    Object.defineProperty(doc, 'adoptedStyleSheets', { get: () => adopted, set: (v: CSSStyleSheet[]) => (adopted = v) });
    const registry = new Map<string, unknown>([
      ['factlens-mention', {}],
      ['page-own', {}],
    ]);
    Object.defineProperty(window, 'CSS', { value: { highlights: registry } });
    clearPredecessor({ doc });
    expect(doc.body.innerHTML).toBe('<p>text</p>');
    expect(adopted).toEqual([pageSheet]);
    expect([...registry.keys()]).toEqual(['factlens-mention', 'page-own']);
  });
});
