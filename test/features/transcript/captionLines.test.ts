import { describe, expect, it } from 'vitest';
import { cueLines, fitsInCue } from '../../../src/features/transcript/captionLines.ts';
import type { CaptionBreak, CaptionToken } from '../../../src/features/transcript/captionTokens.ts';

const tokens = (text: string, breaks: Record<number, CaptionBreak> = {}): CaptionToken[] =>
  text.split(' ').map((t, i) => ({ text: t, length: [...t].length, startMs: i, endMs: i + 1, breakAfter: breaks[i] ?? 'space' }));

describe('cue lines', () => {
  it('are one line when the words fit on it', () => {
    const one = tokens('A SHORT LINE OF WORDS');
    expect(cueLines(one, 0, one.length)).toEqual(['A SHORT LINE OF WORDS']);
  });

  it('are two lines of about even length', () => {
    const two = tokens('THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AND RUNS AWAY FROM IT');
    expect(cueLines(two, 0, two.length)).toEqual(['THE QUICK BROWN FOX JUMPS OVER', 'THE LAZY DOG AND RUNS AWAY FROM IT']);
  });

  it('break at a clause mark before evenness', () => {
    // Lines of 26 and 30 characters would be more even than these of 31 and 25.
    const clause = tokens('THE QUICK BROWN FOX JUMPS OVER, THE LAZY DOG AND RUNS OFF', { 5: 'clause' });
    expect(cueLines(clause, 0, clause.length)).toEqual(['THE QUICK BROWN FOX JUMPS OVER,', 'THE LAZY DOG AND RUNS OFF']);
  });

  it('fit two lines of 42 characters at most, counting code points', () => {
    expect(fitsInCue(tokens(`${'é'.repeat(42)} ${'é'.repeat(42)}`), 0, 2)).toBe(true);
    expect(fitsInCue(tokens(`${'é'.repeat(42)} ${'é'.repeat(42)} A`), 0, 3)).toBe(false);
    expect(fitsInCue(tokens(`${'😀'.repeat(21)} ${'A'.repeat(20)}`), 0, 2)).toBe(true);
  });
});
