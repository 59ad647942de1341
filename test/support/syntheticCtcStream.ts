import type { FrameLogProbs } from '../../src/engine/asr/decoders/ctcDecoder.ts';

/** The vocabulary the stream spells with: letters, the delimiter "|" and the blank "<pad>". */
export const STREAM_TOKENS = ['<pad>', '<s>', '</s>', '<unk>', '|', 'A', 'B', 'C', 'K', 'T', 'O', 'D', 'E'];

export interface StreamChunk {
  readonly frames: FrameLogProbs;
  /** The global index of its first frame. */
  readonly first: number;
  /** The words whose spelling begins in this chunk ("?" for a letter that is an exact tie of A and B). */
  readonly words: readonly string[];
}

/**
 * A deterministic pseudo-random stream of spelled words over STREAM_TOKENS, built chunk by chunk
 * and keeping nothing of what it yielded, so that a stream of hours never exists whole:
 * hand-made decoder input for long-run tests.
 */
export function* syntheticCtcStream(totalFrames: number, chunkFrames: number, seed: number): Generator<StreamChunk> {
  const id = (token: string) => STREAM_TOKENS.indexOf(token);
  const [BLANK, SEP, A, B] = ['<pad>', '|', 'A', 'B'].map(id);
  const letters = ['A', 'B', 'C', 'K', 'T', 'O', 'D', 'E'].map(id);
  const size = STREAM_TOKENS.length;
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  let spokenCount = 0;
  let words: string[] = [];
  let queue: Array<Record<number, number>> = [];
  for (let first = 0; first < totalFrames; first += chunkFrames) {
    const count = Math.min(chunkFrames, totalFrames - first);
    const data = new Float32Array(count * size);
    for (let f = 0; f < count; f++) {
      if (queue.length === 0) queue = nextSymbols();
      const row = queue.shift()!;
      const rest = 1 - Object.values(row).reduce((a, b) => a + b, 0);
      for (let v = 0; v < size; v++) data[f * size + v] = Math.log(row[v] ?? rest / (size - Object.keys(row).length));
    }
    yield { frames: { data, frames: count, vocabSize: size }, first, words };
    words = [];
  }

  function nextSymbols(): Array<Record<number, number>> {
    const rows: Array<Record<number, number>> = [];
    const length = 1 + Math.floor(random() * 5);
    // Every tenth word opens with an exact tie between two letters, which no later frame can
    // settle: without the undecided-time limit both spellings would live on for ever.
    const tied = spokenCount % 10 === 0;
    let word = '';
    for (let i = 0; i < length; i++) {
      const letter = letters[Math.floor(random() * letters.length)];
      if (i === 0 && tied) {
        rows.push({ [A]: 0.45, [B]: 0.45 }, { [BLANK]: 0.8 });
        word += '?';
      } else {
        // A confusable second choice keeps several beams alive.
        const other = letters[(letters.indexOf(letter) + 1) % letters.length];
        rows.push({ [letter]: 0.6, [other]: 0.25 }, { [letter]: 0.5, [BLANK]: 0.3 });
        word += STREAM_TOKENS[letter];
      }
      rows.push({ [BLANK]: 0.8 });
    }
    rows.push({ [SEP]: 0.7, [BLANK]: 0.2 }, { [BLANK]: 0.9 });
    words.push(word);
    spokenCount++;
    return rows;
  }
}
