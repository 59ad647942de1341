/** One order of the n-gram trie: the entries of that order, grouped by their context entry. */
export interface NgramLevel {
  /** Word id of each entry; for unigrams the entry index is the word id itself. */
  readonly words: Int32Array;
  readonly log10Probs: Float32Array;
  /** Backoff weight of each entry as a context (0 when it is none); absent for the highest order. */
  readonly log10Backoffs: Float32Array | null;
  /**
   * Entries of the next order whose context is entry i sit at [childStart[i], childStart[i + 1])
   * of that level, sorted by word id; absent for the highest order.
   */
  readonly childStart: Uint32Array | null;
}

/** The score ARPA tools give a word that the model has no entry for, not even `<unk>`. */
export const UNKNOWN_WORD_LOG10_PROB = -100;

export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';
export const UNKNOWN_WORD = '<unk>';

/**
 * A backoff word n-gram model (the ARPA kind) held as a trie of typed arrays: words are interned
 * to ids once, and an n-gram is found by binary search of its word among its context's children,
 * so memory is about 12 bytes an n-gram whatever the words.
 */
export class NgramLanguageModel {
  readonly order: number;
  private readonly unknownId: number;
  private readonly startId: number;
  private readonly endId: number;
  /** The vocabulary in code-unit order, for prefix look-ups; sorted on first use. */
  private sortedWords: string[] | null = null;

  constructor(
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly levels: readonly NgramLevel[],
  ) {
    this.order = levels.length;
    this.unknownId = vocabulary.get(UNKNOWN_WORD) ?? -1;
    this.startId = vocabulary.get(SENTENCE_START) ?? -1;
    this.endId = vocabulary.get(SENTENCE_END) ?? -1;
  }

  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  get ngramCount(): number {
    return this.levels.reduce((sum, level) => sum + level.words.length, 0);
  }

  /** Whether the word is in the model's vocabulary (rather than scored as `<unk>`). */
  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Whether some word of the vocabulary starts with `prefix`. */
  isWordPrefix(prefix: string): boolean {
    const words = (this.sortedWords ??= [...this.vocabulary.keys()].sort());
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (words[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    return low < words.length && words[low].startsWith(prefix);
  }

  /** The word's id, `<unk>`'s for a word the model does not know, or -1 if it has no `<unk>`. */
  wordId(word: string): number {
    return this.vocabulary.get(word) ?? this.unknownId;
  }

  /** The context a sentence starts in: `<s>` when the model has it. */
  sentenceStart(): readonly number[] {
    return this.startId >= 0 ? [this.startId] : [];
  }

  /** The id of `</s>`, or -1 when the model has none. */
  get sentenceEndId(): number {
    return this.endId;
  }

  /** The context after `word` follows `context`: its last order − 1 words. */
  nextContext(context: readonly number[], word: number): readonly number[] {
    const keep = this.order - 1;
    if (keep === 0) return [];
    const next = context.length < keep ? [...context, word] : [...context.slice(context.length - keep + 1), word];
    return next;
  }

  /**
   * log10 P(word | context) by Katz backoff: the longest n-gram present ends the search, each
   * shorter one tried adds the backoff weight of the context it dropped.
   */
  log10Prob(context: readonly number[], word: number): number {
    if (word < 0) return UNKNOWN_WORD_LOG10_PROB;
    let backoff = 0;
    const longest = Math.min(context.length, this.order - 1);
    for (let from = context.length - longest; from <= context.length; from++) {
      const entry = this.find(context, from, word);
      if (entry >= 0) return backoff + this.levels[context.length - from].log10Probs[entry];
      if (from < context.length) {
        const contextEntry = this.find(context, from, -1);
        if (contextEntry >= 0) backoff += this.levels[context.length - from - 1].log10Backoffs![contextEntry];
      }
    }
    return UNKNOWN_WORD_LOG10_PROB;
  }

  /**
   * The entry index of the n-gram context[from..] followed by `word` (or of context[from..]
   * alone when `word` is -1), at the level of its order, or -1 when absent.
   */
  private find(context: readonly number[], from: number, word: number): number {
    const length = context.length - from + (word >= 0 ? 1 : 0);
    if (length === 0) return -1;
    const at = (i: number) => (from + i < context.length ? context[from + i] : word);
    let entry = at(0);
    if (entry < 0 || entry >= this.levels[0].words.length) return -1;
    for (let i = 1; i < length; i++) {
      const childStart = this.levels[i - 1].childStart!;
      entry = binarySearch(this.levels[i].words, childStart[entry], childStart[entry + 1], at(i));
      if (entry < 0) return -1;
    }
    return entry;
  }
}

function binarySearch(sorted: Int32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle];
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
