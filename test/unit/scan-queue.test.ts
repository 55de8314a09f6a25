import { describe, expect, it } from 'vitest';
import { createScanQueue } from '../../overlay/scan-queue';

/** Fake nodes: the queue reads only parentNode (and host, for shadow roots). */
function node(parent: Node | null = null): Node {
  return { parentNode: parent } as unknown as Node;
}

/** A scan whose runs the test holds, each until it is finished by hand. */
function heldScans() {
  const runs: { containers: Node[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const scan = (containers: Node[]) =>
    new Promise<void>((resolve, reject) => runs.push({ containers, finish: resolve, fail: reject }));
  return { runs, scan };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the rescan queue', () => {
  it('runs one scan at a time and keeps at most one waiting, which takes every container reported meanwhile', async () => {
    const { runs, scan } = heldScans();
    const queue = createScanQueue({ scan, signal: new AbortController().signal });
    const [a, b, c] = [node(), node(), node()];

    void queue.add([a]);
    for (let i = 0; i < 100; i++) void queue.add([i % 2 ? b : c]);
    await settle();
    expect(runs.map((r) => r.containers)).toEqual([[a]]);

    runs[0]!.finish();
    await settle();
    expect(runs).toHaveLength(2);
    expect(new Set(runs[1]!.containers)).toEqual(new Set([b, c]));

    runs[1]!.finish();
    await settle();
    expect(runs).toHaveLength(2);
  });

  it('reads a container once when an ancestor of it is read too', async () => {
    const { runs, scan } = heldScans();
    const queue = createScanQueue({ scan, signal: new AbortController().signal });
    const outer = node();
    const inner = node(node(outer));
    void queue.add([node()]);
    void queue.add([inner]);
    void queue.add([outer]);
    runs[0]!.finish();
    await settle();
    expect(runs[1]!.containers).toEqual([outer]);
  });

  it('settles each caller when the scan that took its containers ends', async () => {
    const { runs, scan } = heldScans();
    const queue = createScanQueue({ scan, signal: new AbortController().signal });
    const done: string[] = [];
    void queue.add([node()]).then(() => done.push('first'));
    void queue.add([node()]).then(() => done.push('second'));
    void queue.add([node()]).then(() => done.push('third'));
    runs[0]!.finish();
    await settle();
    expect(done).toEqual(['first']);
    runs[1]!.finish();
    await settle();
    expect(done).toEqual(['first', 'second', 'third']);
  });

  it('goes on after a scan fails, and reports the failure to its caller', async () => {
    const { runs, scan } = heldScans();
    const queue = createScanQueue({ scan, signal: new AbortController().signal });
    const first = queue.add([node()]);
    const second = queue.add([node()]);
    runs[0]!.fail(new Error('the background is restarting'));
    await expect(first).rejects.toThrow('restarting');
    await settle();
    expect(runs).toHaveLength(2);
    runs[1]!.finish();
    await expect(second).resolves.toBeUndefined();
  });

  it('starts nothing more once its signal aborts', async () => {
    const { runs, scan } = heldScans();
    const controller = new AbortController();
    const queue = createScanQueue({ scan, signal: controller.signal });
    void queue.add([node()]);
    void queue.add([node()]);
    controller.abort();
    runs[0]!.finish();
    void queue.add([node()]);
    await settle();
    expect(runs).toHaveLength(1);
  });
});
