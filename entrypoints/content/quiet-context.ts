import { browser } from 'wxt/browser';

/**
 * Stands in for WXT's ContentScriptContext in the content script
 * (wxt.config.ts resolves `wxt/utils/content-script-context` here). WXT's
 * own announces every start to the page: its constructor dispatches a
 * CustomEvent on the document and calls window.postMessage(…, '*'), both
 * carrying the extension's id, in every frame of every page, sites that are
 * off included, so any page script could tell that Factlens is installed.
 * This one keeps what Factlens and WXT's UI helpers use (the abort signal,
 * noticing that the extension went away, timers that stop with it) and says
 * nothing to the page. What it drops, stopping an older copy of the script
 * when a newer one starts in the same page, never happens outside WXT's dev
 * server: Chromium injects no new copy into open tabs, and Firefox tears the
 * old one down itself (see context-lost.ts).
 */
export class ContentScriptContext {
  readonly #controller = new AbortController();

  constructor(
    readonly contentScriptName: string,
    readonly options?: Record<string, unknown>,
  ) {}

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  /** Reading it checks that the extension is still there (runtime.id goes once it is reloaded or removed). */
  get isInvalid(): boolean {
    if (browser.runtime?.id === undefined || browser.runtime.id === null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  /** A promise that never settles, for work that must not go on once the extension is gone. */
  block<T>(): Promise<T> {
    return new Promise<T>(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}
