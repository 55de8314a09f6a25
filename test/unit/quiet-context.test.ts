// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

const runtime: { id?: string } = { id: 'factlens' };
vi.mock('wxt/browser', () => ({ browser: { runtime } }));
const { ContentScriptContext } = await import('../../entrypoints/content/quiet-context');

describe("the content script's context", () => {
  it('tells the page nothing when it starts', async () => {
    const heard: string[] = [];
    const record = (e: Event) => heard.push(e.type);
    // Every event a page could hear: on the document and the window, captured.
    for (const target of [document, window]) {
      for (const type of ['message', 'wxt:content-script-started', `${runtime.id}:content:wxt:content-script-started`]) {
        target.addEventListener(type, record, true);
      }
    }
    const dispatch = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
    const post = vi.spyOn(window, 'postMessage');
    const ctx = new ContentScriptContext('content', { cssInjectionMode: 'manifest' });
    await new Promise((r) => setTimeout(r, 0));
    expect(ctx.isValid).toBe(true);
    expect(heard).toEqual([]);
    expect(dispatch).not.toHaveBeenCalled();
    expect(post).not.toHaveBeenCalled();
  });

  it('goes invalid once the extension is gone: its signal aborts and its timers stop', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('content');
    const ticks = vi.fn();
    const gone = vi.fn();
    ctx.onInvalidated(gone);
    ctx.setInterval(ticks, 100);
    vi.advanceTimersByTime(250);
    expect(ticks).toHaveBeenCalledTimes(2);
    delete runtime.id;
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.signal.aborted).toBe(true);
    expect(gone).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(ticks).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
    runtime.id = 'factlens';
    vi.useRealTimers();
  });
});
