import type { TranscribedWord } from '../../shared/transcript.ts';

/** A place in one transcript where the query occurs. */
export interface PhraseMatch {
  /** Index of the first matching word in the transcript's word list. */
  readonly wordIndex: number;
  readonly start: number;
  readonly end: number;
  /** The matched words with a few words either side, as text. */
  readonly snippet: string;
}

/** Case, accents and punctuation do not count: "Café," finds "cafe". */
export function searchToken(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, '');
}

export function queryTokens(query: string): string[] {
  return query.split(/\s+/).map(searchToken).filter((token) => token.length > 0);
}

interface Seen {
  readonly word: TranscribedWord;
  readonly token: string;
}

interface OpenMatch {
  readonly wordIndex: number;
  readonly start: number;
  readonly end: number;
  readonly before: string[];
  readonly after: string[];
}

function snippetOf(match: OpenMatch): PhraseMatch {
  return { wordIndex: match.wordIndex, start: match.start, end: match.end, snippet: [...match.before, ...match.after].join(' ') };
}

/**
 * Finds `query` in a transcript read page by page, holding only the last few words: the whole
 * phrase must match word for word, except that the last query word may be the start of a word
 * (so a query typed halfway already finds). Matches may span pages.
 */
export async function* findPhrase(
  pages: AsyncIterable<readonly TranscribedWord[]>,
  query: string,
  contextWords: number,
): AsyncGenerator<PhraseMatch> {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return;
  const last = tokens.length - 1;
  const keep = contextWords + tokens.length;
  const recent: Seen[] = [];
  const open: OpenMatch[] = [];
  let index = 0;
  for await (const page of pages) {
    for (const word of page) {
      for (const match of open) match.after.push(word.text);
      while (open.length > 0 && open[0].after.length >= contextWords + tokens.length) yield snippetOf(open.shift()!);
      recent.push({ word, token: searchToken(word.text) });
      if (recent.length > keep) recent.shift();
      const from = recent.length - tokens.length;
      if (from >= 0 && tokens.every((t, i) => (i === last ? recent[from + i].token.startsWith(t) : recent[from + i].token === t))) {
        const phrase = recent.slice(from);
        open.push({
          wordIndex: index - last,
          start: phrase[0].word.start,
          end: word.end,
          before: recent.slice(Math.max(0, from - contextWords), from).map((s) => s.word.text),
          after: phrase.map((s) => s.word.text),
        });
      }
      index++;
    }
  }
  for (const match of open) yield snippetOf(match);
}
