import { describe, expect, it, vi } from 'vitest';
import { createEntityData } from '../../overlay/entity-data';
import { MAX_REFS } from '../../src/limits';
import { requestSchema, type Card, type RequestIn } from '../../src/messages/protocol';
import type { request as requestFn } from '../../utils/messaging';
import { RequestError } from '../../utils/request-error';

const KEY = 'test/quentin-vale';
const CARD: Card = {
  entity: { dataset: 'test', id: 'quentin-vale', name: 'Quentin Vale', type: 'person', aliases: [{ text: 'Quentin Vale' }], roles: [], mentions: [] },
  names: { 'test/zorblax': 'Zorblax Industries' },
  sources: { 'test/memo': { dataset: 'test', id: 'memo', title: 'A memo' } },
};

/** A background that answers getCards with `answer(refs)`, counting the requests. */
function fakeBackground(answer: (refs: { dataset: string; id: string }[]) => Promise<(Card | null)[]>) {
  const sent = vi.fn(async (message: RequestIn<'getCards'>) => answer(message.refs));
  return { sent, request: sent as unknown as typeof requestFn };
}

describe("the overlay's card data", () => {
  it('asks again after a failed request, and then shows the card', async () => {
    let failures = 1;
    const background = fakeBackground(async (refs) => {
      if (failures-- > 0) throw new RequestError('getCards', 'the background is restarting');
      return refs.map(({ id }) => (id === 'quentin-vale' ? CARD : null));
    });
    const data = createEntityData({ request: background.request });

    expect((await data.card([KEY])).entities).toEqual([]);
    const second = await data.card([KEY]);
    expect(second.entities).toEqual([CARD.entity]);
    expect(second.names).toEqual(new Map(Object.entries(CARD.names)));
    expect(second.sources).toEqual(new Map(Object.entries(CARD.sources)));
    expect(background.sent).toHaveBeenCalledTimes(2);
  });

  it('keeps an answer, "not found" included, and asks once per batch', async () => {
    const background = fakeBackground(async (refs) => refs.map(({ id }) => (id === 'quentin-vale' ? CARD : null)));
    const data = createEntityData({ request: background.request });

    data.prefetch([KEY, 'test/nobody', KEY]);
    expect(background.sent).toHaveBeenCalledTimes(1);
    expect(background.sent.mock.calls[0]![0].refs).toEqual([
      { dataset: 'test', id: 'quentin-vale' },
      { dataset: 'test', id: 'nobody' },
    ]);
    expect((await data.card([KEY, 'test/nobody'])).entities).toEqual([CARD.entity]);
    expect((await data.card(['test/nobody'])).entities).toEqual([]);
    expect(background.sent).toHaveBeenCalledTimes(1);
  });

  it('splits a page naming more entities than one request may carry into requests the background accepts', async () => {
    const background = fakeBackground(async (refs) => refs.map(({ id }) => (id === 'quentin-vale' ? CARD : null)));
    const data = createEntityData({ request: background.request });
    const many = Array.from({ length: 2 * MAX_REFS + 1 }, (_, i) => `test/person-${i}`);

    data.prefetch([...many, KEY]);
    const messages = background.sent.mock.calls.map(([m]) => m);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(requestSchema.safeParse(m).success).toBe(true);
    expect(messages.flatMap((m) => m.refs)).toHaveLength(many.length + 1);
    // The last key, in the last request, still gets its own answer.
    expect((await data.card([KEY])).entities).toEqual([CARD.entity]);
    expect((await data.card([many.at(-1)!])).entities).toEqual([]);
  });
});
