import type { TranscribedWord } from '../../../shared/transcript.ts';
import type { CtcVocabulary } from '../ctcVocabulary.ts';
import type { CtcDecoder, FrameLogProbs } from './ctcDecoder.ts';

/**
 * Greedy CTC decoding that runs frame by frame across window boundaries: the best symbol of each
 * frame, repeats collapsed before blanks are dropped ("O O <blank> O" is "OO", which is how
 * UNDERSTOOD keeps both O's; the tokenizer's decode would drop blanks first).
 *
 * A word's confidence is the mean best-symbol probability over its frames, from its first
 * character's frame to its last one's, blanks between them included.
 */
export class GreedyCtcDecoder implements CtcDecoder {
  private previousId = -1;
  private text = '';
  private startFrame = 0;
  private lastCharFrame = 0;
  /** Sum of best-symbol probabilities from the word's first frame to the current one. */
  private probabilitySum = 0;
  /** That sum as it was at the word's last character frame. */
  private probabilityToLastChar = 0;

  constructor(
    private readonly vocabulary: CtcVocabulary,
    /** Seconds per logits frame (hop / sample rate). */
    private readonly secondsPerFrame: number,
  ) {}

  clone(): GreedyCtcDecoder {
    const copy = new GreedyCtcDecoder(this.vocabulary, this.secondsPerFrame);
    copy.previousId = this.previousId;
    copy.text = this.text;
    copy.startFrame = this.startFrame;
    copy.lastCharFrame = this.lastCharFrame;
    copy.probabilitySum = this.probabilitySum;
    copy.probabilityToLastChar = this.probabilityToLastChar;
    return copy;
  }

  push({ data, frames, vocabSize }: FrameLogProbs, firstFrame: number): TranscribedWord[] {
    const words: TranscribedWord[] = [];
    const { blankId, delimiterId, specialIds, tokens } = this.vocabulary;
    for (let i = 0; i < frames; i++) {
      const row = i * vocabSize;
      let id = 0;
      let best = data[row];
      for (let v = 1; v < vocabSize; v++) {
        if (data[row + v] > best) {
          best = data[row + v];
          id = v;
        }
      }
      const frame = firstFrame + i;
      const probability = Math.exp(best);
      if (this.text !== '') this.probabilitySum += probability;
      if (id === this.previousId) {
        if (this.isCharacter(id)) this.markCharacter(frame);
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
      if (this.text === '') {
        this.startFrame = frame;
        this.probabilitySum = probability;
      }
      this.text += token;
      this.markCharacter(frame);
    }
    return words;
  }

  pendingWord(): TranscribedWord | null {
    return this.text === '' ? null : this.word();
  }

  flush(): TranscribedWord[] {
    const words: TranscribedWord[] = [];
    this.closeWord(words);
    this.previousId = -1;
    return words;
  }

  private markCharacter(frame: number): void {
    this.lastCharFrame = frame;
    this.probabilityToLastChar = this.probabilitySum;
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
      confidence: this.probabilityToLastChar / (this.lastCharFrame - this.startFrame + 1),
    };
  }
}

export const greedyCtcDecoder = (vocabulary: CtcVocabulary, secondsPerFrame: number): CtcDecoder =>
  new GreedyCtcDecoder(vocabulary, secondsPerFrame);
