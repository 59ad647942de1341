import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_WORD_LOG10_PROB, type NgramLanguageModel } from '../../../../src/engine/asr/languageModel/ngramLanguageModel.ts';
import { parseArpa, readArpa } from '../../../../src/engine/asr/languageModel/readArpa.ts';

// Entries deliberately out of order within each section: the reader sorts them under their contexts.
const ARPA = `
\\data\\
ngram 1=5
ngram 2=4
ngram 3=1

\\1-grams:
-0.7 A -0.3
-1.0 <s> -0.5
-0.5 </s>
-0.9 B -0.2
-1.2 <unk>

\\2-grams:
-0.6 A A
-0.4 A B -0.15
-0.2 <s> A -0.1
-0.3 B </s>

\\3-grams:
-0.05 <s> A B

\\end\\
`;

const p = (model: NgramLanguageModel, text: string) => {
  const words = text.split(' ').map((word) => model.wordId(word));
  return model.log10Prob(words.slice(0, -1), words[words.length - 1]);
};

describe('ARPA language model', () => {
  const model = parseArpa(ARPA);

  it('reads the header and every order', () => {
    expect(model.order).toBe(3);
    expect(model.vocabularySize).toBe(5);
    expect(model.ngramCount).toBe(10);
  });

  it('gives a listed n-gram its own probability', () => {
    expect(p(model, '<s> A B')).toBeCloseTo(-0.05, 6);
    expect(p(model, 'A B')).toBeCloseTo(-0.4, 6);
    expect(p(model, 'B')).toBeCloseTo(-0.9, 6);
  });

  it('backs off through the weights of the contexts it drops, as computed by hand', () => {
    // "<s> A" has no child A: backoff(<s> A) + P(A | A) = -0.1 - 0.6.
    expect(p(model, '<s> A A')).toBeCloseTo(-0.7, 6);
    // Twice: backoff(<s> A) + backoff(A) + P(</s>) = -0.1 - 0.3 - 0.5.
    expect(p(model, '<s> A </s>')).toBeCloseTo(-0.9, 6);
    // "A B" is listed but has no child B; then "B B" is not listed: -0.15 - 0.2 - 0.9.
    expect(p(model, 'A B B')).toBeCloseTo(-1.25, 6);
    // A context that is not itself listed costs nothing to drop: "B A" then "A" alone.
    expect(p(model, 'B A A')).toBeCloseTo(-0.6, 6);
  });

  it('scores unknown words as <unk>, and gives -100 when the model has no <unk>', () => {
    expect(p(model, 'A ZEBRA')).toBeCloseTo(-0.3 - 1.2, 6);
    expect(model.knows('ZEBRA')).toBe(false);
    const noUnk = parseArpa('\\data\\\nngram 1=1\n\\1-grams:\n-0.5 A\n\\end\\\n');
    expect(noUnk.log10Prob([], noUnk.wordId('ZEBRA'))).toBe(UNKNOWN_WORD_LOG10_PROB);
    expect(noUnk.log10Prob([], noUnk.wordId('A'))).toBeCloseTo(-0.5, 6);
  });

  it('keeps order − 1 words of context', () => {
    const [a, b] = [model.wordId('A'), model.wordId('B')];
    expect(model.sentenceStart()).toEqual([model.wordId('<s>')]);
    expect(model.nextContext(model.sentenceStart(), a)).toEqual([model.wordId('<s>'), a]);
    expect(model.nextContext([model.wordId('<s>'), a], b)).toEqual([a, b]);
  });

  it('reads the same model from a byte stream, plain or gzipped, in pieces that split lines', async () => {
    const bytes = new TextEncoder().encode(ARPA);
    const inPieces = (data: Uint8Array) =>
      new ReadableStream<Uint8Array<ArrayBuffer>>({
        start(controller) {
          for (let at = 0; at < data.length; at += 7) controller.enqueue(data.slice(at, at + 7));
          controller.close();
        },
      });
    for (const stream of [inPieces(bytes), inPieces(new Uint8Array(gzipSync(bytes)))]) {
      const read = await readArpa(stream);
      for (const text of ['<s> A B', '<s> A A', 'A B B', 'B A A', 'A ZEBRA', '</s>']) expect(p(read, text)).toBeCloseTo(p(model, text), 6);
    }
  });

  it('says which line is wrong', () => {
    expect(() => parseArpa(ARPA.replace('-0.05 <s> A B', '-0.05 B A B'))).toThrow(/line 21: the context of "B A B" is not itself listed/);
    expect(() => parseArpa(ARPA.replace('ngram 2=4', 'ngram 2=5'))).toThrow(/4 2-grams where the header announces 5/);
    expect(() => parseArpa(ARPA.replace('\\end\\', ''))).toThrow(/ends before/);
    expect(() => parseArpa(ARPA.replace('-0.3 B </s>', '-0.3 B C'))).toThrow(/"C" is not among the 1-grams/);
  });
});
