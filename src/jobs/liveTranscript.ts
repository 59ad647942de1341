import type { TranscriptUpdate } from '../shared/transcript.ts';
import type { TranscribedWord } from '../shared/transcript.ts';

/**
 * The two parts of a running job's transcript: committed words come from the engine's push/finish
 * and are final; the tail is what lies past the committed edge, which later audio may revise: the
 * latest preview (live jobs ask for them), or else the word being spelled at the edge. The page
 * serialises engine calls, so a preview always starts from the current committed edge.
 */
export class LiveTranscript {
  /** End, in seconds, of the last committed word. */
  private committedEnd = 0;
  private tailWords: readonly TranscribedWord[] = [];
  /** Whether the tail holds a preview's words, which know more than an earlier commit's pending word. */
  private tailFromPreview = false;

  get tail(): readonly TranscribedWord[] {
    return this.tailWords;
  }

  /**
   * Takes a push or finish update. The tail keeps only what lies past the words just committed;
   * the word being spelled at the committed edge stays visible until the next preview.
   */
  commit(update: Pick<TranscriptUpdate, 'words' | 'pending'>): void {
    const last = update.words[update.words.length - 1];
    if (last !== undefined) this.committedEnd = Math.max(this.committedEnd, last.end);
    const { pending } = update;
    if (!this.tailFromPreview) {
      this.tailWords = pending === null ? [] : [pending];
      return;
    }
    const from = pending?.start ?? this.committedEnd;
    const rest = this.tailWords.filter((w) => w.start >= from && w.start >= this.committedEnd);
    this.tailWords = pending !== null && rest[0]?.start !== pending.start ? [pending, ...rest] : rest;
  }

  /** Replaces the tail with a preview's words. */
  preview(words: readonly TranscribedWord[]): void {
    this.tailWords = words.filter((w) => w.start >= this.committedEnd);
    this.tailFromPreview = true;
  }

  /** The stream has ended: nothing is tentative any more. */
  end(): void {
    this.tailWords = [];
    this.tailFromPreview = false;
  }

  /** The tail as one span of text, for display; null when nothing is tentative. */
  tentative(): TranscribedWord | null {
    const words = this.tailWords;
    if (words.length === 0) return null;
    return {
      text: words.map((w) => w.text).join(' '),
      start: words[0].start,
      end: words[words.length - 1].end,
      confidence: Math.min(...words.map((w) => w.confidence)),
    };
  }
}
