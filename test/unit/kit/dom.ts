import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/**
 * Rendering and driving components in happy-dom. Waiting is by conditions,
 * never by time: `until` retries a check as requests answer, and `settle`
 * waits until the background has nothing left to answer.
 */
export interface Screen {
  container: HTMLElement;
  show(ui: ComponentChild): void;
  unmount(): void;
}

export function createScreen(): Screen {
  const container = document.createElement('div');
  document.body.append(container);
  return {
    container,
    show(ui) {
      act(() => render(ui, container));
    },
    unmount() {
      act(() => render(null, container));
      container.remove();
    },
  };
}

/** One turn of the event loop inside act, so answers land and Preact renders what they changed. */
export async function turn(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Rounds `until` and `settle` may take before they give up: a bound for failing, not a timing. */
const MAX_ROUNDS = 20_000;

/** Retries `check` after every turn until it passes; rethrows its last failure if it never does. */
export async function until<T>(check: () => T): Promise<T> {
  for (let round = 0; ; round++) {
    await turn();
    try {
      return check();
    } catch (error) {
      if (round >= MAX_ROUNDS) throw error;
    }
  }
}

/** Waits until `idle()` holds for a few turns in a row: every request answered and rendered. */
export async function settleWith(idle: () => boolean): Promise<void> {
  let quiet = 0;
  for (let round = 0; quiet < 3; round++) {
    if (round >= MAX_ROUNDS) throw new Error('the background never went idle');
    await turn();
    quiet = idle() ? quiet + 1 : 0;
  }
}

export const all = (selector: string, scope: ParentNode = document) => [...scope.querySelectorAll<HTMLElement>(selector)];
export function one<E extends HTMLElement = HTMLElement>(selector: string, scope: ParentNode = document): E {
  const found = scope.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
export const text = (selector: string, scope?: ParentNode) => one(selector, scope).textContent?.replace(/\s+/g, ' ').trim();
export const byTestId = (id: string, scope?: ParentNode) => one(`[data-testid="${id}"]`, scope);
/** Not inside anything hidden. */
export const visible = (element: Element) => element.closest('[hidden]') === null;

export function buttonNamed(label: string, scope: ParentNode = document): HTMLButtonElement {
  const found = all('button', scope).find((b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found as HTMLButtonElement;
}

/** The control a <label> with this text names, through for= or by nesting. */
export function labelled<E extends HTMLElement = HTMLInputElement>(label: string, scope: ParentNode = document): E {
  for (const l of all('label', scope)) {
    if (l.textContent?.trim() !== label) continue;
    const forId = l.getAttribute('for');
    const control = forId ? document.getElementById(forId) : l.querySelector('input, select, textarea');
    if (control) return control as E;
  }
  throw new Error(`no control labelled "${label}"`);
}

/**
 * Marks an event as the reader's own input. Factlens ignores events a page
 * script made (isTrusted false); happy-dom leaves isTrusted out altogether.
 */
export function asReader<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** A click by the reader; `{ trusted: false }` for one a page script made. */
export function click(element: HTMLElement, { trusted = true } = {}): MouseEvent {
  const made = new MouseEvent('click', { bubbles: true, cancelable: true });
  const event = trusted ? asReader(made) : made;
  act(() => {
    element.dispatchEvent(event);
  });
  return event;
}

export function typeInto(input: HTMLInputElement, value: string): void {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function press(key: string, target: Element = document.activeElement ?? document.body): KeyboardEvent {
  const event = asReader(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

export function submit(form: HTMLFormElement): void {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}
