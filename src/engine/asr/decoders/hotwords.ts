import type { CtcVocabulary } from '../ctcVocabulary.ts';

/** A node of the hotwords' letter trie: a prefix that some hotword starts with. */
export interface HotwordPrefix {
  readonly children: ReadonlyMap<string, HotwordPrefix>;
  /** The boost while this prefix is being spelled (log domain). */
  readonly prefixBonus: number;
  /** Whether the prefix is itself a whole hotword. */
  readonly isWord: boolean;
}

interface MutablePrefix {
  children: Map<string, MutablePrefix>;
  prefixBonus: number;
  isWord: boolean;
  /** Length of the shortest hotword below, which the boost grows towards. */
  shortest: number;
}

/**
 * The words of the user's terms (each word of a several-word term is boosted on its own), spelled
 * in the vocabulary's letters: a letter the vocabulary lacks is tried in the other case, and a
 * word that still cannot be spelled is left out, since no beam could ever produce it.
 */
export function hotwordSpellings(terms: readonly string[], vocabulary: CtcVocabulary): string[] {
  const letters = new Set(vocabulary.tokens.filter((token, id) => token !== undefined && id !== vocabulary.delimiterId && id !== vocabulary.blankId && !vocabulary.specialIds.has(id)));
  const spell = (letter: string): string | null =>
    [letter, letter.toUpperCase(), letter.toLowerCase()].find((candidate) => letters.has(candidate)) ?? null;
  const words = new Set<string>();
  for (const term of terms) {
    for (const word of term.split(/\s+/)) {
      const spelled = [...word].map(spell);
      if (word !== '' && spelled.every((letter) => letter !== null)) words.add(spelled.join(''));
    }
  }
  return [...words];
}

/**
 * The trie of the hotwords: a beam spelling a hotword's first k letters of n gets
 * `weight × k / n` (n of the shortest hotword with that prefix), so a partial hotword survives
 * pruning against spellings the acoustics favour slightly, and a finished one keeps `weight`.
 */
export function hotwordTrie(words: readonly string[], weight: number): HotwordPrefix {
  const root: MutablePrefix = { children: new Map(), prefixBonus: 0, isWord: false, shortest: Infinity };
  for (const word of words) {
    let node = root;
    node.shortest = Math.min(node.shortest, word.length);
    for (const letter of word) {
      let child = node.children.get(letter);
      if (child === undefined) {
        child = { children: new Map(), prefixBonus: 0, isWord: false, shortest: Infinity };
        node.children.set(letter, child);
      }
      child.shortest = Math.min(child.shortest, word.length);
      node = child;
    }
    node.isWord = true;
  }
  const setBonus = (node: MutablePrefix, depth: number): void => {
    node.prefixBonus = depth === 0 ? 0 : (weight * depth) / node.shortest;
    for (const child of node.children.values()) setBonus(child, depth + 1);
  };
  setBonus(root, 0);
  return root;
}
