/** Strings as one string and where each ends: a clone copies one block, not one string each. */
export interface PackedStrings {
  text: string;
  end: Int32Array;
}

export function packStrings(list: readonly string[]): PackedStrings {
  const end = new Int32Array(list.length);
  let at = 0;
  list.forEach((s, i) => (end[i] = at += s.length));
  return { text: list.join(''), end };
}

export function stringAt({ text, end }: PackedStrings, i: number): string {
  return text.slice(i === 0 ? 0 : end[i - 1], end[i]);
}

/** Every string again, for code that reads them as an array. */
export function unpackStrings({ text, end }: PackedStrings): string[] {
  const list = new Array<string>(end.length);
  let at = 0;
  for (let i = 0; i < end.length; i++) list[i] = text.slice(at, (at = end[i]!));
  return list;
}
