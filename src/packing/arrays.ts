/**
 * Typed arrays as one ArrayBuffer, for what the worker stores in IndexedDB:
 * a structured clone then copies one block of memory instead of one buffer
 * per array, and the arrays come back as views on it, with no copy.
 */
type Kind = 'f64' | 'i32' | 'u32' | 'u16' | 'u8';
export type Typed = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

export interface PackedArrays {
  buffer: ArrayBuffer;
  /** Each array's name, kind, element offset (in its own unit size) and length, in buffer order. */
  parts: [name: string, kind: Kind, offset: number, length: number][];
}

const BYTES: Record<Kind, number> = { f64: 8, i32: 4, u32: 4, u16: 2, u8: 1 };

function kindOf(value: Typed): Kind {
  if (value instanceof Float64Array) return 'f64';
  if (value instanceof Int32Array) return 'i32';
  if (value instanceof Uint32Array) return 'u32';
  return value instanceof Uint16Array ? 'u16' : 'u8';
}

function view(buffer: ArrayBuffer, kind: Kind, offset: number, length: number): Typed {
  switch (kind) {
    case 'f64':
      return new Float64Array(buffer, offset * 8, length);
    case 'i32':
      return new Int32Array(buffer, offset * 4, length);
    case 'u32':
      return new Uint32Array(buffer, offset * 4, length);
    case 'u16':
      return new Uint16Array(buffer, offset * 2, length);
    case 'u8':
      return new Uint8Array(buffer, offset, length);
  }
}

export function packArrays(arrays: readonly [name: string, value: Typed][]): PackedArrays {
  // Widest first, so every array starts aligned to its own element size.
  const ordered = [...arrays].sort(([, a], [, b]) => BYTES[kindOf(b)] - BYTES[kindOf(a)]);
  let bytes = 0;
  const parts: PackedArrays['parts'] = ordered.map(([name, value]) => {
    const kind = kindOf(value);
    const part: PackedArrays['parts'][number] = [name, kind, bytes / BYTES[kind], value.length];
    bytes += value.byteLength;
    return part;
  });
  const buffer = new ArrayBuffer(bytes);
  ordered.forEach(([, value], i) => view(buffer, parts[i]![1], parts[i]![2], value.length).set(value));
  return { buffer, parts };
}

/** Views on the packed buffer, by name. */
export function unpackArrays({ buffer, parts }: PackedArrays): Record<string, Typed> {
  const arrays: Record<string, Typed> = {};
  for (const [name, kind, offset, length] of parts) arrays[name] = view(buffer, kind, offset, length);
  return arrays;
}
