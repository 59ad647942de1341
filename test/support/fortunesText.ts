// Sentences from Debian's `fortunes` package (apt-get install -y fortunes), for the accuracy
// harnesses: the language model's text and unseen speech. The fixtures' sentences were drawn from
// the same texts, so any record sharing four words in a row with a fixture sentence is left out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const FORTUNES = '/usr/share/games/fortunes';

/** The words of a text as the model spells them: upper case, letters and apostrophes. */
export function spokenWords(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/[-/]/g, ' ')
    .replace(/[^A-Z'\s]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

/** The sentences of a fortune; those with digits are left out, as espeak would read them out. */
function sentencesOf(record: string): string[][] {
  return record
    .split(/[.!?;:]+|--/)
    .filter((sentence) => !/\d/.test(sentence))
    .map(spokenWords)
    .filter((words) => words.length > 0);
}

function ngramsOf(words: readonly string[], n: number): string[] {
  const size = Math.min(n, words.length);
  return Array.from({ length: words.length - size + 1 }, (_, i) => words.slice(i, i + size).join(' '));
}

export interface FortunesCorpus {
  readonly sentences: string[][];
  readonly records: number;
  /** Records left out for sharing four words in a row with a text to keep apart. */
  readonly dropped: number;
}

/** Every sentence of the fortunes, without any record that shares four words in a row with `keepApart`. */
export function fortunesCorpus(keepApart: readonly string[]): FortunesCorpus {
  if (!statSync(FORTUNES, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${FORTUNES} is missing: install Debian's fortunes package (apt-get install -y fortunes).`);
  }
  const files = readdirSync(FORTUNES).filter((name) => !name.includes('.') && statSync(path.join(FORTUNES, name)).isFile());
  const banned = new Set(keepApart.flatMap((text) => ngramsOf(spokenWords(text), 4)));
  const sentences: string[][] = [];
  let records = 0;
  let dropped = 0;
  for (const file of files) {
    for (const record of readFileSync(path.join(FORTUNES, file), 'latin1').split(/^%$/m)) {
      const recordSentences = sentencesOf(record);
      if (recordSentences.length === 0) continue;
      records++;
      // Across sentence edges too, so no four words in a row survive anywhere.
      if (ngramsOf(spokenWords(record), 4).some((gram) => banned.has(gram))) {
        dropped++;
        continue;
      }
      sentences.push(...recordSentences);
    }
  }
  const corpus = ` ${sentences.map((words) => words.join(' ')).join(' | ')} `;
  const leaked = keepApart.filter((text) => corpus.includes(` ${spokenWords(text).join(' ')} `));
  if (leaked.length > 0) throw new Error(`Sentences kept apart are left in the corpus: ${leaked.join('; ')}`);
  return { sentences, records, dropped };
}
