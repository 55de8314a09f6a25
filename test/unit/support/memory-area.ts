import type { SettingsArea } from '../../../entrypoints/background/settings-area';

/**
 * A storage area in memory that behaves as browser.storage does where the
 * settings rely on it: values go in and come out as copies, get(null) gives
 * everything, and a missing key is simply absent.
 */
export function memoryArea(initial: Record<string, unknown> = {}): SettingsArea & { items: Map<string, unknown> } {
  const items = new Map(Object.entries(structuredClone(initial)));
  return {
    items,
    async get(keys) {
      const wanted = keys === null || keys === undefined ? [...items.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))]));
    },
    async set(values) {
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) items.delete(k);
    },
  };
}
