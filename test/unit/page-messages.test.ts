import { describe, expect, it } from 'vitest';
import { parseBroadcast, parseTabRequest } from '../../src/messages/page-messages';
import { broadcastSchema, tabRequestSchema } from '../../src/messages/protocol';

const SAMPLES: unknown[] = [
  { type: 'settingsChanged' },
  { type: 'datasetsChanged' },
  { type: 'getPageInfo' },
  { type: 'revealEntity', key: 'factlens-bundled/jack-ma' },
  { type: 'revealEntity', key: '' },
  { type: 'revealEntity', key: 'x'.repeat(402) },
  { type: 'revealEntity', key: 7 },
  { type: 'revealEntity' },
  { type: 'settingsChanged', extra: 1 },
  { type: 'getPageInfo', extra: 1 },
  { type: 'deleteEverything' },
  { type: 'scanTexts', texts: [] },
  null,
  'settingsChanged',
  ['settingsChanged'],
  42,
  undefined,
];

describe("the content script's hand-written message validators", () => {
  it.each(SAMPLES.map((s) => [JSON.stringify(s), s]))('agree with the zod broadcast schema on %s', (_label, sample) => {
    const parsed = broadcastSchema.safeParse(sample);
    expect(parseBroadcast(sample)).toEqual(parsed.success ? parsed.data : null);
  });

  it.each(SAMPLES.map((s) => [JSON.stringify(s), s]))('agree with the zod tab-request schema on %s', (_label, sample) => {
    const parsed = tabRequestSchema.safeParse(sample);
    expect(parseTabRequest(sample)).toEqual(parsed.success ? parsed.data : null);
  });
});
