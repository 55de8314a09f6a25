import { describe, expect, it } from 'vitest';
import { perSignature } from '../../entrypoints/background/stored-derivation';

describe('perSignature', () => {
  it('makes one structure per signature, shared meanwhile, and makes it again after a failure or a change', async () => {
    let signature = 'a';
    const made: string[] = [];
    let fail = false;
    const get = perSignature({ signature: async () => signature }, async (s) => {
      made.push(s);
      if (fail) throw new Error('no');
      return `built ${s}`;
    });
    expect(await Promise.all([get(), get()])).toEqual(['built a', 'built a']);
    expect(made).toEqual(['a']);
    signature = 'b';
    fail = true;
    await expect(get()).rejects.toThrow('no');
    fail = false;
    expect(await get()).toBe('built b');
    expect(await get()).toBe('built b');
    expect(made).toEqual(['a', 'b', 'b']);
  });
});
