import { describe, expect, it } from 'vitest';
import { displayTexts } from '../../../src/features/transcript/displayCase.ts';
import { editable, timed } from '../../support/wordStreams.ts';

const sentence = { displayCase: 'sentence' } as const;
const shown = (spec: string) => displayTexts(timed(spec), sentence).join(' ');

describe('sentence case', () => {
  it('capitalises the first word of each paragraph and the pronoun I, and lowers the rest', () => {
    expect(shown("WELL@0-0.3 I@0.4-0.5 THINK@0.6-0.9 I'M@1-1.2 FINE@1.3-1.6 SO@4-4.2 I'LL@4.3-4.5 GO@4.6-4.8")).toBe(
      "Well I think I'm fine So I'll go",
    );
  });

  it("capitalises I'D and I'VE but no other word that begins with I", () => {
    expect(shown("IT@0-0.1 I'D@0.2-0.3 IF@0.4-0.5 I'VE@0.6-0.7 ID@0.8-0.9 IS@1-1.1 I'S@1.2-1.3")).toBe("It I'd if I've id is i's");
  });

  it('capitalises after a sentence end the user typed', () => {
    const words = timed('YES@0-0.3 NO@0.4-0.6 MAYBE@0.7-0.9');
    const edited = [{ ...words[0], text: 'yes.', typedByUser: true }, words[1], words[2]];
    expect(displayTexts(edited, sentence)).toEqual(['Yes.', 'No', 'maybe']);
  });

  it("keeps the case of the user's words, giving them only the capitals of sentence case", () => {
    const typed = editable(timed('HELLO@0-0.1 NASA@0.2-0.3 PARIS@0.4-0.5 I@0.6-0.7'), () => true);
    const words = [...typed.map((w, i) => ({ ...w, text: ['hello', 'NASA', 'Paris', 'i'][i] })), ...timed('GO@0.8-0.9')];
    expect(displayTexts(words, sentence)).toEqual(['Hello', 'NASA', 'Paris', 'I', 'go']);
  });

  it('handles punctuation and curly apostrophes round the pronoun', () => {
    const words = editable(timed('A@0-0.1 B@0.2-0.3 C@0.4-0.5'), () => true).map((w, i) => ({ ...w, text: ['(i', 'i’m,', '"i\'ve"'][i] }));
    expect(displayTexts(words, sentence)).toEqual(['(I', 'I’m,', '"I\'ve"']);
  });

  it('follows the paragraph gap option', () => {
    const words = timed('ONE@0-0.5 TWO@1.5-2');
    expect(displayTexts(words, sentence)).toEqual(['One', 'two']);
    expect(displayTexts(words, { ...sentence, paragraphGapSeconds: 1 })).toEqual(['One', 'Two']);
  });
});

describe('as transcribed', () => {
  it('shows every word as stored, and is the default', () => {
    const words = editable(timed('HELLO@0-1 WORLD@2-3'), (i) => i === 1).map((w, i) => (i === 1 ? { ...w, text: 'world' } : w));
    expect(displayTexts(words)).toEqual(['HELLO', 'world']);
    expect(displayTexts(words, { displayCase: 'asTranscribed' })).toEqual(['HELLO', 'world']);
    expect(displayTexts([])).toEqual([]);
  });
});
