import { describe, expect, it } from 'vitest';
import { tabAfterKey } from '../../src/app/tabKeys.ts';

describe('tabAfterKey', () => {
  it('steps with the arrows, round the ends', () => {
    expect(tabAfterKey(0, 'ArrowRight', 4)).toBe(1);
    expect(tabAfterKey(3, 'ArrowRight', 4)).toBe(0);
    expect(tabAfterKey(0, 'ArrowLeft', 4)).toBe(3);
    expect(tabAfterKey(2, 'ArrowUp', 4)).toBe(1);
    expect(tabAfterKey(2, 'ArrowDown', 4)).toBe(3);
  });

  it('goes to the first and last with Home and End, and ignores other keys', () => {
    expect(tabAfterKey(2, 'Home', 4)).toBe(0);
    expect(tabAfterKey(1, 'End', 4)).toBe(3);
    expect(tabAfterKey(1, 'Enter', 4)).toBeNull();
    expect(tabAfterKey(1, 'a', 4)).toBeNull();
  });
});
