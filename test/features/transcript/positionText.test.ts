import { describe, expect, it } from 'vitest';
import { positionText } from '../../../src/features/transcript/positionText.ts';

describe('positionText', () => {
  it('says the time and the word there', () => {
    expect(positionText(75.4, 11, 300, 'HELLO')).toBe('Playback at 1:15, on “HELLO”, word 12 of 300.');
    expect(positionText(0.1, -1, 300, null)).toBe('Playback at 0:00, before the first word.');
    expect(positionText(0, -1, 0, null)).toBe('Playback at 0:00; there are no words yet.');
  });
});
