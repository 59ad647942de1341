import { describe, expect, it } from 'vitest';
import { REVEAL_AT, revealScrollTop } from '../../../src/features/transcript/revealScroll.ts';

describe('revealScrollTop', () => {
  it('leaves a word that is comfortably in view where it is', () => {
    expect(revealScrollTop(1200, 1230, 1000, 500)).toBeNull();
  });

  it('brings a word near or past either edge to the same place in the viewport', () => {
    for (const top of [1005, 1440, 1600, 200]) expect(revealScrollTop(top, top + 30, 1000, 500)).toBe(top - 500 * REVEAL_AT);
  });

  it('never scrolls above the top', () => {
    expect(revealScrollTop(50, 80, 600, 500)).toBe(0);
  });
});
