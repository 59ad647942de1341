import { describe, expect, it } from 'vitest';
import { cueTimestamp } from '../../../src/features/transcript/cueTimestamp.ts';

describe('cue timestamps', () => {
  it('write hours, minutes, seconds and rounded milliseconds', () => {
    expect(cueTimestamp(0, ',')).toBe('00:00:00,000');
    expect(cueTimestamp(3661.0016, '.')).toBe('01:01:01.002');
    expect(cueTimestamp(59.9996, ',')).toBe('00:01:00,000');
    expect(cueTimestamp(100 * 3600 + 0.5, '.')).toBe('100:00:00.500');
  });
});
