import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/shared/formatDuration.ts';

describe('durations', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(125.4)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
