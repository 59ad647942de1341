import type { TranscribedWord } from '../../../shared/transcript.ts';
import type { CtcDecoder, CtcDecoderFactory, FrameLogProbs } from './ctcDecoder.ts';

/**
 * A pause long enough to end a word even when the model emits no word delimiter. A CTC model
 * trained on single utterances may emit none between one sentence and the next (no training
 * transcript has a delimiter at its ends; espeak-ctc often emits none): decoded on, the last word
 * of a sentence and the first of the next come out as one word, in every window. One pass per
 * sentence never makes that error. Runs of blank frames inside a word are far shorter
 * (bench/chunkingAccuracy.ts measures both, and this choice).
 */
export const WORD_BREAK_PAUSE_SECONDS = 0.4;

class PauseBreakingDecoder implements CtcDecoder {
  constructor(
    private readonly inner: CtcDecoder,
    private readonly blankId: number,
    private readonly breakFrames: number,
    private blankRun = 0,
  ) {}

  push(frames: FrameLogProbs, firstFrame: number): TranscribedWord[] {
    const { data, vocabSize } = frames;
    const words: TranscribedWord[] = [];
    let from = 0;
    for (let i = 0; i < frames.frames; i++) {
      const row = i * vocabSize;
      let best = 0;
      for (let v = 1; v < vocabSize; v++) if (data[row + v] > data[row + best]) best = v;
      this.blankRun = best === this.blankId ? this.blankRun + 1 : 0;
      if (this.blankRun === this.breakFrames) {
        const through = i + 1;
        words.push(...this.inner.push({ data: data.subarray(from * vocabSize), frames: through - from, vocabSize }, firstFrame + from), ...this.inner.flush());
        from = through;
      }
    }
    words.push(...this.inner.push({ data: data.subarray(from * vocabSize), frames: frames.frames - from, vocabSize }, firstFrame + from));
    return words;
  }

  pendingWord(): TranscribedWord | null {
    return this.inner.pendingWord();
  }

  flush(): TranscribedWord[] {
    this.blankRun = 0;
    return this.inner.flush();
  }

  clone(): CtcDecoder {
    return new PauseBreakingDecoder(this.inner.clone(), this.blankId, this.breakFrames, this.blankRun);
  }
}

/**
 * `decoder`, ended and started afresh (flushed) wherever the best symbol has been the blank for
 * `pauseSeconds` in a row: the word being spelled ends there, as at a delimiter.
 */
export function breakingAtPauses(decoder: CtcDecoderFactory, pauseSeconds = WORD_BREAK_PAUSE_SECONDS): CtcDecoderFactory {
  return (vocabulary, secondsPerFrame) =>
    new PauseBreakingDecoder(decoder(vocabulary, secondsPerFrame), vocabulary.blankId, Math.max(1, Math.round(pauseSeconds / secondsPerFrame)));
}
