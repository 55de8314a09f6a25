import { describe, expect, it } from 'vitest';
import { placeCard } from '../../src/layout/placement';

const viewport = { width: 1000, height: 800 };
const card = { width: 380, height: 300 };

describe('card placement', () => {
  it('goes below the mention when it fits', () => {
    expect(placeCard({ anchor: { left: 100, top: 100, width: 50, height: 20 }, card, viewport })).toEqual({ left: 100, top: 126, side: 'below' });
  });
  it('flips above near the bottom edge', () => {
    const p = placeCard({ anchor: { left: 100, top: 700, width: 50, height: 20 }, card, viewport });
    expect(p).toEqual({ left: 100, top: 394, side: 'above' });
  });
  it('stays inside the right edge', () => {
    expect(placeCard({ anchor: { left: 900, top: 100, width: 50, height: 20 }, card, viewport }).left).toBe(1000 - 8 - 380);
  });
  it('stays inside a viewport smaller than the card', () => {
    const p = placeCard({ anchor: { left: 10, top: 50, width: 50, height: 20 }, card: { width: 380, height: 900 }, viewport });
    expect(p.top).toBeGreaterThanOrEqual(8);
  });
});
