import { describe, expect, it } from 'vitest';
import { wordErrorRate } from '../../../src/features/transcript/wordErrorRate.ts';

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions over the reference length', () => {
    expect(wordErrorRate('a b c d', 'a b c d')).toBe(0);
    expect(wordErrorRate('a b c d', 'a x c d')).toBe(0.25);
    expect(wordErrorRate('a b c d', 'a c d')).toBe(0.25);
    expect(wordErrorRate('a b c d', 'a b c d e f')).toBe(0.5);
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'x')).toBe(1);
    expect(wordErrorRate('Hello  world', 'hello world')).toBe(0);
  });
});
