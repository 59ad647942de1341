import type { CtcVocabulary } from '../ctcVocabulary.ts';
import type { TranscribedWord } from '../../../shared/transcript.ts';

/**
 * Greedy CTC decoding that runs frame by frame across window boundaries.
 *
 * Repeats are collapsed before blanks are dropped: "O O <blank> O" is "OO", which is how
 * UNDERSTOOD keeps both O's. Decoding `ids` with the tokenizer instead would drop blanks first.
 */
export class CtcGreedyDecoder {
  private previousId = -1;
  private text = '';
  private startFrame = 0;
  private lastCharFrame = 0;

  constructor(
    private readonly vocabulary: CtcVocabulary,
    /** Seconds per logits frame (hop / sample rate). */
    private readonly secondsPerFrame: number,
  ) {}

  /** An independent copy of the decoding state, for tentative decoding ahead of the committed edge. */
  clone(): CtcGreedyDecoder {
    return Object.assign(new CtcGreedyDecoder(this.vocabulary, this.secondsPerFrame), {
      previousId: this.previousId,
      text: this.text,
      startFrame: this.startFrame,
      lastCharFrame: this.lastCharFrame,
    });
  }

  /** Feeds best ids for consecutive global frames starting at `firstFrame`; returns words completed by them. */
  push(ids: ArrayLike<number>, firstFrame: number): TranscribedWord[] {
    const words: TranscribedWord[] = [];
    const { blankId, delimiterId, specialIds, tokens } = this.vocabulary;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const frame = firstFrame + i;
      if (id === this.previousId) {
        if (this.isCharacter(id)) this.lastCharFrame = frame;
        continue;
      }
      this.previousId = id;
      if (id === blankId || specialIds.has(id)) continue;
      if (id === delimiterId) {
        this.closeWord(words);
        continue;
      }
      const token = tokens[id];
      if (token === undefined) continue;
      if (this.text === '') this.startFrame = frame;
      this.text += token;
      this.lastCharFrame = frame;
    }
    return words;
  }

  /** The word being spelled, not yet closed by a delimiter (it may still grow). */
  pendingWord(): TranscribedWord | null {
    return this.text === '' ? null : this.word();
  }

  /** Ends the stream: closes the word in progress. */
  flush(): TranscribedWord[] {
    const words: TranscribedWord[] = [];
    this.closeWord(words);
    this.previousId = -1;
    return words;
  }

  private isCharacter(id: number): boolean {
    const { blankId, delimiterId, specialIds, tokens } = this.vocabulary;
    return id !== blankId && id !== delimiterId && !specialIds.has(id) && tokens[id] !== undefined;
  }

  private closeWord(words: TranscribedWord[]): void {
    if (this.text === '') return;
    words.push(this.word());
    this.text = '';
  }

  private word(): TranscribedWord {
    return {
      text: this.text,
      start: this.startFrame * this.secondsPerFrame,
      end: (this.lastCharFrame + 1) * this.secondsPerFrame,
    };
  }
}

/** Index of the largest logit in each frame of a row-major [frames × vocabSize] matrix. */
export function argmaxFrames(logits: Float32Array, vocabSize: number, fromFrame: number, toFrame: number): Int32Array {
  const ids = new Int32Array(Math.max(0, toFrame - fromFrame));
  for (let f = fromFrame; f < toFrame; f++) {
    const row = f * vocabSize;
    let best = 0;
    let bestValue = logits[row];
    for (let v = 1; v < vocabSize; v++) {
      const value = logits[row + v];
      if (value > bestValue) {
        bestValue = value;
        best = v;
      }
    }
    ids[f - fromFrame] = best;
  }
  return ids;
}
