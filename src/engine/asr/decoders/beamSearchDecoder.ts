import type { TranscribedWord } from '../../../shared/transcript.ts';
import type { CtcVocabulary } from '../ctcVocabulary.ts';
import { UNKNOWN_WORD, type NgramLanguageModel } from '../languageModel/ngramLanguageModel.ts';
import type { CtcDecoder, CtcDecoderFactory, FrameLogProbs } from './ctcDecoder.ts';
import { hotwordSpellings, hotwordTrie, type HotwordPrefix } from './hotwords.ts';

/** A word n-gram model and how much it counts against the acoustics. */
export interface LanguageModelWeights {
  readonly model: NgramLanguageModel;
  /** Weight of the model's natural-log word probability (the "alpha" of shallow fusion). */
  readonly alpha: number;
  /** Added for every word, against the model's preference for short transcripts ("beta"). */
  readonly beta: number;
  /** Whether the end of the stream is scored as `</s>`, which favours beams that end on a sentence. */
  readonly scoreSentenceEnd?: boolean;
}

export interface HotwordOptions {
  /** Words or terms to favour; each word of a term is boosted on its own. */
  readonly terms: readonly string[];
  /** Log-domain bonus for a finished hotword, grown towards letter by letter while it is spelled. */
  readonly weight: number;
}

export interface BeamSearchOptions {
  /** Prefixes kept after each frame. */
  readonly beamWidth?: number;
  /** At most this many of a frame's most probable letters (and the delimiter) extend the beams. */
  readonly symbolsPerFrame?: number;
  /** Symbols below this natural-log probability in a frame extend no beam. */
  readonly symbolLogProbFloor?: number;
  /**
   * How the paths into one prefix combine: 'max' scores a prefix by its best path (torchaudio's
   * and flashlight's default), 'sum' by all its paths (the textbook prefix search). 'sum' lets a
   * letter whose frames carry much blank probability split in two (the tone model's "OO" reads
   * "OOO" by summed paths), so 'max' is the default.
   */
  readonly pathMerge?: 'max' | 'sum';
  /** Beams scoring more than this below the best are dropped even when the beam has room. */
  readonly beamScoreMargin?: number;
  /**
   * Longest time a finished word may stay undecided: once the best beam's oldest open word ended
   * this long ago it is made final and the beams that disagree are dropped, so memory and latency
   * stay bounded even when two spellings tie for ever.
   */
  readonly maxUndecidedSeconds?: number;
  readonly languageModel?: LanguageModelWeights;
  readonly hotwords?: HotwordOptions;
}

export const DEFAULT_BEAM_WIDTH = 16;
export const DEFAULT_SYMBOLS_PER_FRAME = 8;
export const DEFAULT_SYMBOL_LOG_PROB_FLOOR = Math.log(1e-4);
export const DEFAULT_BEAM_SCORE_MARGIN = 15;
export const DEFAULT_MAX_UNDECIDED_SECONDS = 4;

/** One finished word on a path: its frames and mean probability, as the greedy decoder gives them. */
interface WordTiming {
  readonly startFrame: number;
  readonly lastCharFrame: number;
  readonly confidence: number;
}

/**
 * The most probable single path into one ending (blank or label) of a prefix, with what it says
 * of the words' frames: the same bookkeeping as the greedy decoder's, so on a peaked distribution
 * both give identical words, times and confidences.
 */
interface Trace {
  readonly pathLog: number;
  /** Timings of the prefix's open (not yet final) finished words, oldest first. */
  readonly words: readonly WordTiming[];
  readonly startFrame: number;
  readonly lastCharFrame: number;
  /** Sum of the path's symbol probabilities from the word's first frame to the current one. */
  readonly probabilitySum: number;
  readonly probabilityToLastChar: number;
}

/**
 * What a frame did to a path, to update its trace: a blank (or special) frame; the prefix's last
 * letter again, collapsed into it; a letter appended; the delimiter after a letter, finishing the
 * word; the delimiter where no word is open, changing nothing.
 */
type Step = 'blank' | 'repeat-letter' | 'new-letter' | 'end-word' | 'nothing';

/** A prefix kept in the beam; immutable, so clones share them. */
interface Beam {
  /** The open words and the partial word, identifying the prefix among the beams. */
  readonly key: string;
  /** The key of the prefix this one extends by its last label, or null (the root, or already final). */
  readonly parentKey: string | null;
  readonly words: readonly string[];
  readonly partial: string;
  /** The symbol a repeat would collapse into: the last letter, or the delimiter when no word is open. */
  readonly lastLabel: number;
  readonly logBlank: number;
  readonly logLabel: number;
  readonly blankTrace: Trace | null;
  readonly labelTrace: Trace | null;
  /** Language-model context after the prefix's words, final ones included. */
  readonly context: readonly number[];
  /** Language-model, word-bonus and hotword score of the prefix's words, final ones included. */
  readonly wordScore: number;
  /** Where the partial word is in the hotword trie (the root when none is open), or null. */
  readonly hotword: HotwordPrefix | null;
  /** What the partial word adds to the ranking only: the hotword boost, or the unknown-word penalty. */
  readonly partialScore: number;
  readonly score: number;
}

/**
 * A prefix being gathered during one frame from every path that reaches it: a kept beam's own
 * prefix, or one label more. Its text is only spelled out if it survives pruning.
 */
class Candidate {
  logBlank = -Infinity;
  logLabel = -Infinity;
  blankSource: Trace | null = null;
  blankPath = -Infinity;
  blankProbability = 0;
  labelSource: Trace | null = null;
  labelPath = -Infinity;
  labelProbability = 0;
  labelStep: Step = 'nothing';
  /** Whether the best label path's new letter continues a word rather than starting one. */
  labelContinuesWord = false;
  score = -Infinity;
  private spelled: string | null = null;

  constructor(
    private readonly merge: (a: number, b: number) => number,
    /** The beam it is, or extends. */
    readonly origin: Beam,
    readonly extension: 'none' | 'letter' | 'end-word',
    /** The label appended, for an extension. */
    readonly label: number,
    private readonly token: string,
    readonly context: readonly number[],
    readonly wordScore: number,
    readonly hotword: HotwordPrefix | null,
    readonly partialScore: number,
  ) {}

  static of(merge: (a: number, b: number) => number, beam: Beam): Candidate {
    return new Candidate(merge, beam, 'none', beam.lastLabel, '', beam.context, beam.wordScore, beam.hotword, beam.partialScore);
  }

  get key(): string {
    if (this.spelled === null) {
      this.spelled = this.extension === 'none' ? this.origin.key : this.origin.key + (this.extension === 'end-word' ? ' ' : this.token);
    }
    return this.spelled;
  }

  /** Whether the prefix has an open word, which a frame's probability counts towards. */
  get wordOpen(): boolean {
    return this.extension === 'letter' || (this.extension === 'none' && this.origin.partial !== '');
  }

  beam(blankTrace: Trace | null, labelTrace: Trace | null): Beam {
    const { origin, extension } = this;
    return {
      key: this.key,
      parentKey: extension === 'none' ? origin.parentKey : origin.key,
      words: extension === 'end-word' ? [...origin.words, origin.partial] : origin.words,
      partial: extension === 'none' ? origin.partial : extension === 'letter' ? origin.partial + this.token : '',
      lastLabel: this.label,
      logBlank: this.logBlank,
      logLabel: this.logLabel,
      blankTrace,
      labelTrace,
      context: this.context,
      wordScore: this.wordScore,
      hotword: this.hotword,
      partialScore: this.partialScore,
      score: this.score,
    };
  }

  addBlank(log: number, source: Trace, pathLog: number, probability: number): void {
    this.logBlank = this.merge(this.logBlank, log);
    if (pathLog > this.blankPath) {
      this.blankPath = pathLog;
      this.blankSource = source;
      this.blankProbability = probability;
    }
  }

  addLabel(log: number, source: Trace, pathLog: number, probability: number, step: Step, continuesWord = false): void {
    this.logLabel = this.merge(this.logLabel, log);
    if (pathLog > this.labelPath) {
      this.labelPath = pathLog;
      this.labelSource = source;
      this.labelProbability = probability;
      this.labelStep = step;
      this.labelContinuesWord = continuesWord;
    }
  }
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

const LN_10 = Math.LN10;

/** The configuration a job's decoders share. */
interface Setup {
  readonly vocabulary: CtcVocabulary;
  readonly secondsPerFrame: number;
  readonly beamWidth: number;
  readonly symbolsPerFrame: number;
  readonly symbolLogProbFloor: number;
  readonly beamScoreMargin: number;
  readonly merge: (a: number, b: number) => number;
  readonly maxUndecidedFrames: number;
  /** Ids that extend prefixes: letters, then the delimiter if any. */
  readonly labelIds: Int32Array;
  /** Ids that act as the CTC blank: the blank, the special tokens and ids without a token. */
  readonly blankIds: Int32Array;
  readonly languageModel: LanguageModelWeights | null;
  readonly hotwords: HotwordPrefix | null;
  readonly hotwordWeight: number;
}

/**
 * CTC prefix beam search, frame by frame across window edges like the greedy decoder: each beam
 * is a distinct label prefix (words and a partial word) with the scores of the paths that end in
 * it on a blank and on its last label (their best, or their sum: `pathMerge`). Word-level shallow fusion adds
 * `alpha × ln P_LM(word | context) + beta` as each word is finished, and hotwords a bonus that
 * grows while one is spelled.
 *
 * A word becomes final once every surviving beam has it among its finished words (or, at the
 * latest, `maxUndecidedSeconds` after it ended), so the state holds only the undecided tail. The
 * decision is taken after every frame, so the output does not depend on how frames are chunked.
 * Times and confidences come from the most probable single path into the best beam.
 */
export class BeamSearchDecoder implements CtcDecoder {
  private beams: readonly Beam[];

  constructor(
    private readonly setup: Setup,
    beams?: readonly Beam[],
  ) {
    this.beams = beams ?? [this.rootBeam()];
  }

  clone(): BeamSearchDecoder {
    return new BeamSearchDecoder(this.setup, this.beams);
  }

  /** Size of the held state: a test hook showing that memory follows the beam, not the stream. */
  get heldState(): { beams: number; words: number; characters: number } {
    return {
      beams: this.beams.length,
      words: this.beams.reduce((sum, beam) => sum + beam.words.length, 0),
      characters: this.beams.reduce((sum, beam) => sum + beam.key.length, 0),
    };
  }

  push({ data, frames, vocabSize }: FrameLogProbs, firstFrame: number): TranscribedWord[] {
    const final: TranscribedWord[] = [];
    for (let i = 0; i < frames; i++) {
      this.step(data, i * vocabSize, firstFrame + i);
      this.decide(firstFrame + i, final);
    }
    return final;
  }

  pendingWord(): TranscribedWord | null {
    const best = this.beams[0];
    const trace = bestTrace(best);
    if (best.words.length > 0) return this.word(best.words[0], trace.words[0]);
    if (best.partial !== '') return this.word(best.partial, openWordTiming(trace));
    return null;
  }

  flush(): TranscribedWord[] {
    let best: { beam: Beam; score: number } | null = null;
    for (const beam of this.beams) {
      const score = this.setup.merge(beam.logBlank, beam.logLabel) + this.closingScore(beam);
      if (best === null || score > best.score) best = { beam, score };
    }
    const { beam } = best!;
    const trace = bestTrace(beam);
    const words = beam.words.map((text, i) => this.word(text, trace.words[i]));
    if (beam.partial !== '') words.push(this.word(beam.partial, openWordTiming(trace)));
    this.beams = [this.rootBeam()];
    return words;
  }

  /** The word score a beam would gain if the stream ended now: its partial word and `</s>`. */
  private closingScore(beam: Beam): number {
    let score = beam.wordScore;
    let context = beam.context;
    if (beam.partial !== '') {
      score += this.finishedWordScore(beam.partial, beam.context, beam.hotword);
      context = this.contextAfter(beam.partial, beam.context);
    }
    const lm = this.setup.languageModel;
    if (lm?.scoreSentenceEnd && lm.model.sentenceEndId >= 0) {
      score += lm.alpha * LN_10 * lm.model.log10Prob(context, lm.model.sentenceEndId);
    }
    return score;
  }

  private rootBeam(): Beam {
    const { languageModel, hotwords, vocabulary } = this.setup;
    const trace: Trace = { pathLog: 0, words: [], startFrame: 0, lastCharFrame: 0, probabilitySum: 0, probabilityToLastChar: 0 };
    return {
      key: '',
      parentKey: null,
      words: [],
      partial: '',
      lastLabel: vocabulary.delimiterId,
      logBlank: 0,
      logLabel: -Infinity,
      blankTrace: trace,
      labelTrace: null,
      context: languageModel?.model.sentenceStart() ?? [],
      wordScore: 0,
      hotword: hotwords,
      partialScore: 0,
      score: 0,
    };
  }

  /** Advances every beam by one frame and keeps the best. */
  private step(data: Float32Array, row: number, frame: number): void {
    const { blankIds, labelIds, vocabulary, symbolsPerFrame, symbolLogProbFloor } = this.setup;
    let blankLog = -Infinity;
    let bestBlankLog = -Infinity;
    for (const id of blankIds) {
      blankLog = this.setup.merge(blankLog, data[row + id]);
      if (data[row + id] > bestBlankLog) bestBlankLog = data[row + id];
    }
    const blankProbability = Math.exp(bestBlankLog);
    const symbols = topSymbols(data, row, labelIds, symbolsPerFrame, symbolLogProbFloor);

    // A prefix is reached from itself or from its parent only, so the candidates are each beam's
    // own prefix and its extensions, an extension being merged into the beam it equals.
    const beams = this.beams;
    const { merge } = this.setup;
    const own = beams.map((beam) => Candidate.of(merge, beam));
    const byParent = new Map<string, Map<number, Candidate>>();
    for (let i = 0; i < beams.length; i++) {
      const { parentKey, lastLabel } = beams[i];
      if (parentKey === null) continue;
      let children = byParent.get(parentKey);
      if (children === undefined) byParent.set(parentKey, (children = new Map()));
      children.set(lastLabel, own[i]);
    }
    const fresh: Candidate[] = [];

    for (let i = 0; i < beams.length; i++) {
      const beam = beams[i];
      const same = own[i];
      const children = byParent.get(beam.key) ?? null;
      const total = merge(beam.logBlank, beam.logLabel);
      const best = bestTrace(beam);
      same.addBlank(total + blankLog, best, best.pathLog + bestBlankLog, blankProbability);
      for (const id of symbols) {
        const log = data[row + id];
        const probability = Math.exp(log);
        if (id === beam.lastLabel) {
          const isDelimiter = id === vocabulary.delimiterId;
          if (beam.labelTrace !== null) {
            same.addLabel(beam.logLabel + log, beam.labelTrace, beam.labelTrace.pathLog + log, probability, isDelimiter ? 'nothing' : 'repeat-letter');
          }
          if (beam.blankTrace === null) continue;
          // After a blank the same letter starts a new one ("O <blank> O" is "OO"); a delimiter
          // where no word is open still changes nothing.
          const pathLog = beam.blankTrace.pathLog + log;
          if (isDelimiter) same.addLabel(beam.logBlank + log, beam.blankTrace, pathLog, probability, 'nothing');
          else this.extended(beam, id, children, fresh).addLabel(beam.logBlank + log, beam.blankTrace, pathLog, probability, 'new-letter', true);
        } else if (id === vocabulary.delimiterId) {
          this.extended(beam, id, children, fresh).addLabel(total + log, best, best.pathLog + log, probability, 'end-word');
        } else {
          this.extended(beam, id, children, fresh).addLabel(total + log, best, best.pathLog + log, probability, 'new-letter', beam.partial !== '');
        }
      }
    }
    for (const candidate of fresh) own.push(candidate);
    this.beams = this.prune(own, frame);
  }

  /**
   * The candidate for `beam` followed by `id`: the kept beam it equals (among `children`, the
   * beams extending it), or a new one added to `fresh`.
   */
  private extended(beam: Beam, id: number, children: Map<number, Candidate> | null, fresh: Candidate[]): Candidate {
    const existing = children?.get(id);
    if (existing !== undefined) return existing;
    // A beam's own extensions are the last few found, at most one per symbol of the frame.
    for (let k = fresh.length - 1; k >= 0 && fresh[k].origin === beam; k--) if (fresh[k].label === id) return fresh[k];
    const candidate = this.extension(beam, id);
    fresh.push(candidate);
    return candidate;
  }

  /** The candidate for `beam` followed by `id`: a letter, or the delimiter ending its word. */
  private extension(beam: Beam, id: number): Candidate {
    const token = this.setup.vocabulary.tokens[id];
    if (id !== this.setup.vocabulary.delimiterId) {
      const hotword = beam.hotword?.children.get(token) ?? null;
      return new Candidate(this.setup.merge, beam, 'letter', id, token, beam.context, beam.wordScore, hotword, this.partialScore(beam.partial + token, hotword));
    }
    return new Candidate(
      this.setup.merge,
      beam,
      'end-word',
      id,
      token,
      this.contextAfter(beam.partial, beam.context),
      beam.wordScore + this.finishedWordScore(beam.partial, beam.context, beam.hotword),
      this.setup.hotwords,
      0,
    );
  }

  /**
   * The ranking-only score of a partial word: the hotword boost while one is spelled; else, with
   * a language model, the unknown-word score once no word of its vocabulary starts so, or a beam
   * could dodge the model by running words together and never finishing one.
   */
  private partialScore(partial: string, hotword: HotwordPrefix | null): number {
    if (hotword !== null) return hotword.prefixBonus;
    const lm = this.setup.languageModel;
    if (lm === null || lm.model.isWordPrefix(partial)) return 0;
    return lm.alpha * LN_10 * lm.model.log10Prob([], lm.model.wordId(UNKNOWN_WORD));
  }

  /**
   * What finishing `word` adds: its language-model score and bonus, and the hotword bonus. A
   * hotword the language model does not know is left unscored by it rather than penalised as
   * unknown, since the user says it exists.
   */
  private finishedWordScore(word: string, context: readonly number[], hotword: HotwordPrefix | null): number {
    const isHotword = hotword?.isWord === true;
    let score = isHotword ? this.setup.hotwordWeight : 0;
    const lm = this.setup.languageModel;
    if (lm !== null) {
      score += lm.beta;
      if (!isHotword || lm.model.knows(word)) score += lm.alpha * LN_10 * lm.model.log10Prob(context, lm.model.wordId(word));
    }
    return score;
  }

  private contextAfter(word: string, context: readonly number[]): readonly number[] {
    const lm = this.setup.languageModel;
    return lm === null ? context : lm.model.nextContext(context, lm.model.wordId(word));
  }

  /** Scores the candidates, keeps the best `beamWidth` within the margin, and writes their traces. */
  private prune(candidates: Candidate[], frame: number): Beam[] {
    for (const candidate of candidates) {
      candidate.score = this.setup.merge(candidate.logBlank, candidate.logLabel) + candidate.wordScore + candidate.partialScore;
    }
    // Ties are broken by the prefix so that the order never depends on how candidates were found.
    candidates.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const floor = candidates[0].score - this.setup.beamScoreMargin;
    const kept: Beam[] = [];
    for (const candidate of candidates) {
      if (kept.length === this.setup.beamWidth || candidate.score < floor) break;
      const { blankSource, labelSource, wordOpen } = candidate;
      kept.push(
        candidate.beam(
          blankSource && advanceTrace(blankSource, candidate.blankPath, 'blank', candidate.blankProbability, frame, wordOpen),
          labelSource &&
            advanceTrace(labelSource, candidate.labelPath, candidate.labelStep, candidate.labelProbability, frame, candidate.labelContinuesWord),
        ),
      );
    }
    return kept;
  }

  /** Makes final the finished words every beam agrees on, or that have waited too long. */
  private decide(frame: number, final: TranscribedWord[]): void {
    const best = this.beams[0];
    if (best.words.length === 0) return;
    const oldest = bestTrace(best).words[0];
    if (frame - oldest.lastCharFrame > this.setup.maxUndecidedFrames) {
      this.beams = this.beams.filter((beam) => beam.words.length > 0 && beam.words[0] === best.words[0]);
    }
    let agreed = Math.min(...this.beams.map((beam) => beam.words.length));
    for (const beam of this.beams) {
      for (let i = 0; i < agreed; i++) {
        if (beam.words[i] !== best.words[i]) {
          agreed = i;
          break;
        }
      }
    }
    if (agreed === 0) return;
    const trace = bestTrace(best);
    for (let i = 0; i < agreed; i++) final.push(this.word(best.words[i], trace.words[i]));
    const keyLength = best.words.slice(0, agreed).reduce((sum, word) => sum + word.length + 1, 0);
    this.beams = this.beams.map((beam) => ({
      ...beam,
      key: beam.key.slice(keyLength),
      parentKey: beam.parentKey !== null && beam.parentKey.length >= keyLength ? beam.parentKey.slice(keyLength) : null,
      words: beam.words.slice(agreed),
      blankTrace: beam.blankTrace && { ...beam.blankTrace, words: beam.blankTrace.words.slice(agreed) },
      labelTrace: beam.labelTrace && { ...beam.labelTrace, words: beam.labelTrace.words.slice(agreed) },
    }));
  }

  private word(text: string, timing: WordTiming): TranscribedWord {
    const { secondsPerFrame } = this.setup;
    return {
      text,
      start: timing.startFrame * secondsPerFrame,
      end: (timing.lastCharFrame + 1) * secondsPerFrame,
      confidence: timing.confidence,
    };
  }
}

function bestTrace(beam: Beam): Trace {
  if (beam.labelTrace === null) return beam.blankTrace!;
  if (beam.blankTrace === null) return beam.labelTrace;
  return beam.labelTrace.pathLog > beam.blankTrace.pathLog ? beam.labelTrace : beam.blankTrace;
}

function openWordTiming(trace: Trace): WordTiming {
  return {
    startFrame: trace.startFrame,
    lastCharFrame: trace.lastCharFrame,
    confidence: trace.probabilityToLastChar / (trace.lastCharFrame - trace.startFrame + 1),
  };
}

/**
 * The trace after one more frame. `wordOpen` says whether the resulting prefix has a partial word
 * that the frame's probability belongs to (for a new letter: whether it is not the word's first).
 */
function advanceTrace(source: Trace, pathLog: number, step: Step, probability: number, frame: number, wordOpen: boolean): Trace {
  switch (step) {
    case 'blank':
      return { ...source, pathLog, probabilitySum: wordOpen ? source.probabilitySum + probability : source.probabilitySum };
    case 'nothing':
      return { ...source, pathLog };
    case 'repeat-letter': {
      const probabilitySum = source.probabilitySum + probability;
      return { ...source, pathLog, probabilitySum, lastCharFrame: frame, probabilityToLastChar: probabilitySum };
    }
    case 'new-letter': {
      const probabilitySum = wordOpen ? source.probabilitySum + probability : probability;
      return {
        pathLog,
        words: source.words,
        startFrame: wordOpen ? source.startFrame : frame,
        lastCharFrame: frame,
        probabilitySum,
        probabilityToLastChar: probabilitySum,
      };
    }
    case 'end-word':
      return { ...source, pathLog, words: [...source.words, openWordTiming(source)] };
  }
}

/** The ids of the frame's `count` most probable labels at or above `floor`. */
function topSymbols(data: Float32Array, row: number, labelIds: Int32Array, count: number, floor: number): number[] {
  const chosen: number[] = [];
  for (const id of labelIds) {
    const log = data[row + id];
    if (log < floor) continue;
    if (chosen.length === count && log <= data[row + chosen[count - 1]]) continue;
    let at = chosen.length === count ? count - 1 : chosen.length;
    while (at > 0 && data[row + chosen[at - 1]] < log) {
      chosen[at] = chosen[at - 1];
      at--;
    }
    chosen[at] = id;
  }
  return chosen;
}

/**
 * A factory of beam-search decoders for StreamingTranscriber, with these options for every job.
 * Defaults: best-path merging, beam width 16, the 8 most probable symbols per frame, none below probability 1e-4,
 * beams within 15 (natural log) of the best, words final at the latest 4 s after they end.
 */
export function beamSearchDecoder(options: BeamSearchOptions = {}): CtcDecoderFactory {
  return (vocabulary, secondsPerFrame) => {
    const labels: number[] = [];
    const blanks: number[] = [];
    for (let id = 0; id < vocabulary.tokens.length; id++) {
      if (id === vocabulary.delimiterId) continue;
      const isBlank = id === vocabulary.blankId || vocabulary.specialIds.has(id) || vocabulary.tokens[id] === undefined;
      (isBlank ? blanks : labels).push(id);
    }
    if (vocabulary.delimiterId >= 0) labels.push(vocabulary.delimiterId);
    const hotwords = options.hotwords;
    return new BeamSearchDecoder({
      vocabulary,
      secondsPerFrame,
      beamWidth: options.beamWidth ?? DEFAULT_BEAM_WIDTH,
      symbolsPerFrame: options.symbolsPerFrame ?? DEFAULT_SYMBOLS_PER_FRAME,
      symbolLogProbFloor: options.symbolLogProbFloor ?? DEFAULT_SYMBOL_LOG_PROB_FLOOR,
      beamScoreMargin: options.beamScoreMargin ?? DEFAULT_BEAM_SCORE_MARGIN,
      merge: (options.pathMerge ?? 'max') === 'max' ? Math.max : logAddExp,
      maxUndecidedFrames: Math.round((options.maxUndecidedSeconds ?? DEFAULT_MAX_UNDECIDED_SECONDS) / secondsPerFrame),
      labelIds: Int32Array.from(labels),
      blankIds: Int32Array.from(blanks),
      languageModel: options.languageModel ?? null,
      hotwords: hotwords ? hotwordTrie(hotwordSpellings(hotwords.terms, vocabulary), hotwords.weight) : null,
      hotwordWeight: hotwords?.weight ?? 0,
    });
  };
}
