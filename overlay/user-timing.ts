/**
 * Factlens's own main-thread time as User Timing measures named `factlens:…`,
 * in the build the benchmark makes (FACTLENS_USER_TIMING=1, wxt.config.ts)
 * and nowhere else: a page reads every mark and measure in its timeline, so
 * in any other build `__FACTLENS_USER_TIMING__` is `false`, every wrapper
 * below is the bare callback, and the bundler drops the rest (a unit test
 * reads the built content scripts to hold that).
 *
 * A span is one stretch of Factlens's work in one task. Callbacks the
 * browser calls (observers, listeners, timers) are wrapped whole by `timed`;
 * an async flow by `flow`, whose awaits go through `across`, which ends the
 * span before the wait and starts another when the flow resumes. Spans nest
 * as a stack and each instant counts once, for the innermost: a scan started
 * inside a mutation callback is the scan's until it waits, then the
 * callback's again. A span still open when a later task runs lost its end (a
 * flow resumed outside `flow`): it is dropped, never stretched over time that
 * was not Factlens's.
 */
declare const __FACTLENS_USER_TIMING__: boolean;

interface Span {
  name: string;
  /** When it last became the innermost span. */
  start: number;
}

const stack: Span[] = [];
let watchdog: MessageChannel | null = null;
let watched = false;

function measure(span: Span, now: number): void {
  if (now > span.start) performance.measure(span.name, { start: span.start, end: now });
}

function push(name: string): Span {
  const now = performance.now();
  const outer = stack.at(-1);
  if (outer) measure(outer, now);
  const span = { name: `factlens:${name}`, start: now };
  stack.push(span);
  if (!watched) {
    watched = true;
    watchdog ??= newWatchdog();
    watchdog.port2.postMessage(null);
  }
  return span;
}

/** Ends `span` (the innermost unless told otherwise), and the one around it goes on. */
function pop(span: Span | undefined = stack.at(-1)): void {
  const at = span ? stack.lastIndexOf(span) : -1;
  if (at < 0) return;
  const now = performance.now();
  // Only the innermost is running; any deeper than `span` were left by a flow that lost its end.
  measure(stack.splice(at).at(-1)!, now);
  const outer = stack.at(-1);
  if (outer) outer.start = now;
}

/**
 * Runs as a task of its own, after the one that posted it: no span of ours
 * may be open then. One that is lost its end; it is dropped, and marked
 * `factlens-leaked:<name>` for the benchmark to count.
 */
function newWatchdog(): MessageChannel {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    watched = false;
    for (const span of stack.splice(0)) performance.mark(`factlens-leaked:${span.name}`);
  };
  return channel;
}

/** `fn`, measured as one span each time it is called. */
export function timed<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  if (!__FACTLENS_USER_TIMING__) return fn;
  return (...args) => {
    const span = push(name);
    try {
      return fn(...args);
    } finally {
      pop(span);
    }
  };
}

/** An async flow: a span from its start to each `across`, and from each resumption to the next, or to its end. */
export function flow<A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  if (!__FACTLENS_USER_TIMING__) return fn;
  return async (...args) => {
    push(name);
    try {
      return await fn(...args);
    } finally {
      pop();
    }
  };
}

/** For `await across(p)` inside a `flow`: ends the innermost span now, and starts one of the same name when `p` settles. */
export function across<T>(promise: Promise<T>): Promise<T> {
  if (!__FACTLENS_USER_TIMING__) return promise;
  const name = (stack.at(-1)?.name ?? 'factlens:resume').slice('factlens:'.length);
  pop();
  return promise.then(
    (value) => {
      push(name);
      return value;
    },
    (error: unknown) => {
      push(name);
      throw error;
    },
  );
}
