import { describe, expect, it } from 'vitest';
import { parseBroadcast, parseTabRequest } from '../../src/messages/page-messages';
import {
  broadcasts,
  broadcastSchema,
  tabRequests,
  tabRequestSchema,
  type Broadcast,
  type TabRequestOf,
  type TabRequestType,
} from '../../src/messages/protocol';

/** One valid message of every declared type: a missing type does not compile. */
const VALID_TAB_REQUESTS: { [T in TabRequestType]: TabRequestOf<T> } = {
  getPageInfo: { type: 'getPageInfo' },
  getSite: { type: 'getSite' },
  revealEntity: { type: 'revealEntity', key: 'factlens-bundled/jack-ma' },
};
const VALID_BROADCASTS: { [T in Broadcast['type']]: Extract<Broadcast, { type: T }> } = {
  settingsChanged: { type: 'settingsChanged' },
  datasetsChanged: { type: 'datasetsChanged' },
};

/** Values of every kind, and strings around every length a field may be limited to. */
const VALUES: unknown[] = [null, undefined, 0, 7, -1, 1.5, true, false, [], {}, ['x'], '', 'x', ...[199, 200, 201, 400, 401, 402].map((n) => 'x'.repeat(n))];
const NOT_MESSAGES: unknown[] = [null, undefined, 42, 'settingsChanged', ['settingsChanged'], JSON.parse('{"__proto__":{"type":"getPageInfo"}}')];

/**
 * From valid messages, messages near them: each field dropped, replaced by
 * every value above or added where it does not belong, and every type name
 * (declared, unknown or inherited from Object) put on every message.
 */
function variants(valid: Record<string, Record<string, unknown>>): unknown[] {
  const out: unknown[] = [...NOT_MESSAGES];
  const types = [...Object.keys(valid), 'deleteEverything', 'scanTexts', '__proto__', 'toString', 'constructor'];
  const fields = [...new Set(Object.values(valid).flatMap((m) => Object.keys(m))), 'extra'];
  for (const message of Object.values(valid)) {
    out.push(message, [message]);
    for (const type of types) out.push({ ...message, type });
    for (const field of fields) {
      const { [field]: _dropped, ...without } = message;
      out.push(without);
      for (const value of VALUES) out.push({ ...message, [field]: value });
    }
  }
  return out;
}

const label = (sample: unknown) => JSON.stringify(sample)?.slice(0, 80) ?? String(sample);

describe("the content script's hand-written message validators", () => {
  it('have a valid sample of every declared message', () => {
    expect(Object.keys(VALID_TAB_REQUESTS).sort()).toEqual(Object.keys(tabRequests).sort());
    expect(Object.keys(VALID_BROADCASTS).sort()).toEqual(Object.keys(broadcasts).sort());
  });

  const tabSamples = variants(VALID_TAB_REQUESTS);
  it.each(tabSamples.map((s) => [label(s), s]))('agree with the declared tab requests on %s', (_label, sample) => {
    const parsed = tabRequestSchema.safeParse(sample);
    expect(parseTabRequest(sample)).toEqual(parsed.success ? parsed.data : null);
  });

  const broadcastSamples = variants(VALID_BROADCASTS);
  it.each(broadcastSamples.map((s) => [label(s), s]))('agree with the declared broadcasts on %s', (_label, sample) => {
    const parsed = broadcastSchema.safeParse(sample);
    expect(parseBroadcast(sample)).toEqual(parsed.success ? parsed.data : null);
  });

  it('are compared on messages they accept and messages they refuse, of every type', () => {
    for (const type of Object.keys(tabRequests)) {
      const ofType = tabSamples.filter((s) => (s as { type?: unknown } | null)?.type === type);
      expect(ofType.some((s) => tabRequestSchema.safeParse(s).success)).toBe(true);
      expect(ofType.some((s) => !tabRequestSchema.safeParse(s).success)).toBe(true);
    }
    for (const type of Object.keys(broadcasts)) {
      const ofType = broadcastSamples.filter((s) => (s as { type?: unknown } | null)?.type === type);
      expect(ofType.some((s) => broadcastSchema.safeParse(s).success)).toBe(true);
      expect(ofType.some((s) => !broadcastSchema.safeParse(s).success)).toBe(true);
    }
  });
});
