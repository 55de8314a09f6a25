/**
 * A store saved as JSON: every table's rows, typed arrays written as
 * { $typed: 'Int32Array', data: [...] } so that they survive JSON.
 */
const TYPED = { Uint8Array, Int32Array, Uint32Array, Uint16Array, Float64Array } as const;
type TypedName = keyof typeof TYPED;

export function toJson(value: unknown): unknown {
  for (const [name, ctor] of Object.entries(TYPED)) {
    if (value instanceof ctor) return { $typed: name, data: [...(value as Uint8Array)] };
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value && typeof value === 'object') {
    const typed = value as { $typed?: TypedName; data?: number[] };
    if (typed.$typed && typed.data) return TYPED[typed.$typed].from(typed.data);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(v)]));
  }
  return value;
}
