import { describe, expect, it } from 'vitest';
import { timestamp } from '../../../src/features/transcript/timestamp.ts';

describe('timestamp', () => {
  it('writes m:ss under an hour and h:mm:ss from an hour on, rounding down', () => {
    expect(timestamp(0)).toBe('0:00');
    expect(timestamp(9.99)).toBe('0:09');
    expect(timestamp(61)).toBe('1:01');
    expect(timestamp(3599.9)).toBe('59:59');
    expect(timestamp(3600)).toBe('1:00:00');
    expect(timestamp(10_805.2)).toBe('3:00:05');
    expect(timestamp(-1)).toBe('0:00');
  });
});
