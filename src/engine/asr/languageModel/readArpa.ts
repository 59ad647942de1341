import { NgramLanguageModel, type NgramLevel } from './ngramLanguageModel.ts';

/** An order's entries as read, before they are sorted under their contexts. */
interface PendingLevel {
  readonly contexts: Uint32Array;
  readonly words: Int32Array;
  readonly log10Probs: Float32Array;
  readonly log10Backoffs: Float32Array;
  filled: number;
}

/**
 * Builds an n-gram model from ARPA text fed line by line, so a file of any size is never held
 * whole: the header's counts size the arrays, each order is sorted under its contexts once the
 * next order starts.
 */
class ArpaReader {
  private readonly vocabulary = new Map<string, number>();
  private readonly counts: number[] = [];
  private readonly levels: NgramLevel[] = [];
  private pending: PendingLevel | null = null;
  private section: 'before' | 'data' | 'ngrams' | 'end' = 'before';
  private lineNumber = 0;

  line(raw: string): void {
    this.lineNumber++;
    const line = raw.trim();
    if (line === '') return;
    if (line === '\\data\\') {
      this.section = 'data';
      return;
    }
    if (line === '\\end\\') {
      this.finishLevel();
      this.section = 'end';
      return;
    }
    const header = /^\\(\d+)-grams:$/.exec(line);
    if (header) {
      this.startLevel(Number(header[1]));
      return;
    }
    if (this.section === 'data') {
      const count = /^ngram (\d+)\s*=\s*(\d+)$/.exec(line);
      if (!count) throw this.error(`expected "ngram N=count", got "${line}"`);
      this.counts[Number(count[1]) - 1] = Number(count[2]);
    } else if (this.section === 'ngrams') {
      this.entry(line);
    }
  }

  finish(): NgramLanguageModel {
    if (this.section !== 'end') throw new Error('The ARPA file ends before its "\\end\\" line.');
    if (this.levels.length === 0) throw new Error('The ARPA file has no n-grams.');
    return new NgramLanguageModel(this.vocabulary, this.levels);
  }

  private startLevel(order: number): void {
    this.finishLevel();
    if (order !== this.levels.length + 1) throw this.error(`found the ${order}-grams after ${this.levels.length}-grams`);
    const count = this.counts[order - 1];
    if (count === undefined) throw this.error(`the header gives no count of ${order}-grams`);
    this.pending = {
      contexts: new Uint32Array(count),
      words: new Int32Array(count),
      log10Probs: new Float32Array(count),
      log10Backoffs: new Float32Array(count),
      filled: 0,
    };
    this.section = 'ngrams';
  }

  private entry(line: string): void {
    const pending = this.pending!;
    const order = this.levels.length + 1;
    const fields = line.split(/\s+/);
    if (fields.length !== order + 1 && fields.length !== order + 2) throw this.error(`a ${order}-gram line has ${fields.length} fields`);
    if (pending.filled === pending.words.length) throw this.error(`more ${order}-grams than the header's ${pending.words.length}`);
    const at = pending.filled++;
    pending.log10Probs[at] = Number(fields[0]);
    pending.log10Backoffs[at] = fields.length === order + 2 ? Number(fields[order + 1]) : 0;
    if (order === 1) {
      if (this.vocabulary.has(fields[1])) throw this.error(`the word "${fields[1]}" is listed twice`);
      this.vocabulary.set(fields[1], at);
      pending.words[at] = at;
      return;
    }
    let context = this.wordIdOf(fields[1]);
    for (let i = 2; i < order; i++) {
      const level = this.levels[i - 2];
      context = childOf(level.childStart!, this.levels[i - 1].words, context, this.wordIdOf(fields[i]));
      if (context < 0) throw this.error(`the context of "${fields.slice(1, order + 1).join(' ')}" is not itself listed`);
    }
    pending.contexts[at] = context;
    pending.words[at] = this.wordIdOf(fields[order]);
  }

  private wordIdOf(word: string): number {
    const id = this.vocabulary.get(word);
    if (id === undefined) throw this.error(`the word "${word}" is not among the 1-grams`);
    return id;
  }

  /** Sorts the order just read under its contexts and links the previous order to it. */
  private finishLevel(): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    const order = this.levels.length + 1;
    if (pending.filled !== pending.words.length) {
      throw this.error(`${pending.filled} ${order}-grams where the header announces ${pending.words.length}`);
    }
    const highest = order === this.counts.length;
    if (order === 1) {
      this.levels.push({ words: pending.words, log10Probs: pending.log10Probs, log10Backoffs: highest ? null : pending.log10Backoffs, childStart: null });
      return;
    }
    const { contexts, words } = pending;
    const sorted = new Uint32Array(words.length).map((_, i) => i);
    sorted.sort((a, b) => contexts[a] - contexts[b] || words[a] - words[b]);
    const parent = this.levels[order - 2];
    const childStart = new Uint32Array(parent.words.length + 1);
    for (let i = 0; i < words.length; i++) childStart[contexts[i] + 1]++;
    for (let i = 0; i < parent.words.length; i++) childStart[i + 1] += childStart[i];
    const level = {
      words: new Int32Array(words.length),
      log10Probs: new Float32Array(words.length),
      log10Backoffs: highest ? null : new Float32Array(words.length),
      childStart: null,
    };
    sorted.forEach((from, to) => {
      level.words[to] = words[from];
      level.log10Probs[to] = pending.log10Probs[from];
      if (level.log10Backoffs) level.log10Backoffs[to] = pending.log10Backoffs[from];
    });
    this.levels[order - 2] = { ...parent, childStart };
    this.levels.push(level);
  }

  private error(message: string): Error {
    return new Error(`ARPA line ${this.lineNumber}: ${message}.`);
  }
}

function childOf(childStart: Uint32Array, childWords: Int32Array, context: number, word: number): number {
  let low = childStart[context];
  let high = childStart[context + 1] - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (childWords[middle] === word) return middle;
    if (childWords[middle] < word) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Reads a language model from ARPA text. */
export function parseArpa(text: string): NgramLanguageModel {
  const reader = new ArpaReader();
  for (const line of text.split('\n')) reader.line(line);
  return reader.finish();
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Reads a language model from a byte stream of ARPA text, gzip-compressed or not (told apart by
 * the gzip magic bytes), line by line as the bytes arrive: a Cache Storage response's body, or a
 * file's stream.
 */
export async function readArpa(bytes: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<NgramLanguageModel> {
  const source = bytes.getReader();
  const first = await source.read();
  const gzipped = first.value !== undefined && GZIP_MAGIC.every((byte, i) => first.value![i] === byte);
  const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      if (first.value !== undefined) controller.enqueue(first.value);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const next = await source.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => source.cancel(reason),
  });
  const text = (gzipped ? body.pipeThrough(new DecompressionStream('gzip')) : body).pipeThrough(new TextDecoderStream());
  const reader = new ArpaReader();
  let carry = '';
  for await (const piece of text as unknown as AsyncIterable<string>) {
    const lines = (carry + piece).split('\n');
    carry = lines.pop()!;
    for (const line of lines) reader.line(line);
  }
  reader.line(carry);
  return reader.finish();
}
