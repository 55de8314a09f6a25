// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../utils/request-error';
import { useRequest, type RequestState } from '../../utils/use-request';
import { createScreen, turn } from './kit/dom';

/** A promise the test settles when it likes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Renders a component that asks `calls[n]` on its n-th load and exposes the hook's state and controls. */
function harness<T>(calls: Promise<T>[]) {
  const screen = createScreen();
  const seen: { state: RequestState<T> & { reload(): void; change(v: T, save: () => Promise<T>): Promise<string> } }[] = [];
  let loads = 0;
  function Probe({ input }: { input: number }) {
    const state = useRequest(() => calls[loads++]!, [input]);
    seen.push({ state });
    return null;
  }
  return {
    screen,
    show: (input: number) => screen.show(<Probe input={input} />),
    probe: (input: number) => <Probe input={input} />,
    get state() {
      return seen.at(-1)!.state;
    },
    get loads() {
      return loads;
    },
  };
}

describe('useRequest', () => {
  it('asks as soon as its inputs change, not after the next frame', () => {
    const h = harness([new Promise<string>(() => {}), new Promise<string>(() => {})]);
    h.show(1);
    // Rendered outside act, as a keystroke renders: nothing flushes the effects a frame later would.
    render(h.probe(2), h.screen.container);
    expect(h.loads).toBe(2);
  });

  it('loads, then keeps the value on screen while a reload is on its way', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const h = harness([first.promise, second.promise]);
    h.show(1);
    expect(h.state.status).toBe('loading');
    first.resolve('one');
    await turn();
    expect(h.state).toMatchObject({ status: 'ready', value: 'one', refreshing: false });
    h.state.reload();
    await turn();
    expect(h.loads).toBe(2);
    expect(h.state).toMatchObject({ status: 'ready', value: 'one', refreshing: true });
    second.resolve('two');
    await turn();
    expect(h.state).toMatchObject({ status: 'ready', value: 'two', refreshing: false });
    h.screen.unmount();
  });

  it('applies only the newest request’s answer, whatever order the answers come in', async () => {
    const older = deferred<string>();
    const newer = deferred<string>();
    const h = harness([older.promise, newer.promise]);
    h.show(1);
    h.show(2);
    await turn();
    newer.resolve('newer');
    await turn();
    older.resolve('older');
    await turn();
    expect(h.state).toMatchObject({ status: 'ready', value: 'newer' });
    h.screen.unmount();
  });

  it('shows a failure in the background’s own words', async () => {
    const failing = deferred<string>();
    const h = harness([failing.promise]);
    h.show(1);
    failing.reject(new RequestError('search', 'the store is closed'));
    await turn();
    expect(h.state).toEqual(expect.objectContaining({ status: 'error', error: 'the store is closed' }));
    h.screen.unmount();
  });

  it('drops a change overtaken by a newer one, and puts back what the newest replaced when it fails', async () => {
    const load = deferred<string>();
    const h = harness([load.promise]);
    h.show(1);
    load.resolve('stored');
    await turn();
    const firstSave = deferred<string>();
    const secondSave = deferred<string>();
    const first = h.state.change('first', () => firstSave.promise);
    await turn();
    expect(h.state).toMatchObject({ value: 'first' });
    const second = h.state.change('second', () => secondSave.promise);
    await turn();
    firstSave.resolve('first saved');
    expect(await first).toBe('dropped');
    await turn();
    expect(h.state).toMatchObject({ value: 'second' });
    secondSave.reject(new Error('disk full'));
    await expect(second).rejects.toThrow('disk full');
    await turn();
    // Back to what the failed change replaced.
    expect(h.state).toMatchObject({ status: 'ready', value: 'first', refreshing: false });
    h.screen.unmount();
  });
});
