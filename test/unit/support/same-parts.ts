import { expect } from 'vitest';

/**
 * A structure unpacked from storage has the same parts as the one packed:
 * each typed array of the same kind and bytes, everything else equal, and
 * every typed array a view on the stored buffer (nothing else to clone).
 */
export function expectSameParts(back: object, built: object, buffer: ArrayBuffer): void {
  expect(Object.keys(back).sort()).toEqual(Object.keys(built).sort());
  const others = back as Record<string, unknown>;
  for (const [part, value] of Object.entries(built)) {
    const other = others[part];
    if (ArrayBuffer.isView(value)) {
      expect(other, part).toBeInstanceOf(value.constructor);
      expect((other as ArrayBufferView).buffer, part).toBe(buffer);
      const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      // As bytes: toEqual walks a 64k-entry table an element at a time.
      expect(bytes(other as ArrayBufferView).equals(bytes(value)), part).toBe(true);
    } else {
      expect(other, part).toEqual(value);
    }
  }
}
