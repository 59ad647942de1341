// Interpolated Kneser-Ney estimation of a word n-gram model, written as ARPA text. No maintained
// npm package builds ARPA models, so the accuracy harness makes its own with this.
//
// The model (Chen & Goodman's interpolated Kneser-Ney with one discount per order, n-grams
// starting with <s> counted as KenLM does):
//   a(g)   = count of g for the highest order and for n-grams starting with <s>; otherwise the
//            number of distinct words seen just before g (its continuation count).
//   D_k    = n1 / (n1 + 2 n2), from the numbers of k-grams whose a(g) is 1 and 2.
//   P(w|h) = max(a(hw) − D, 0) / Σ_v a(hv) + γ(h) P(w|h′),   γ(h) = D · |{v : a(hv) > 0}| / Σ_v a(hv),
// with h′ the context without its first word, down to a uniform distribution over the vocabulary
// (`<unk>` included) below the unigrams. Every seen n-gram is written with that interpolated
// probability and every context with γ(h) as its backoff weight, which makes the backoff reading
// of the file equal the interpolated model exactly.

const START = '<s>';
const END = '</s>';
const UNKNOWN = '<unk>';
const SEPARATOR = ' ';

function discount(adjusted: Map<string, number>): number {
  let ones = 0;
  let twos = 0;
  for (const count of adjusted.values()) {
    if (count === 1) ones++;
    else if (count === 2) twos++;
  }
  return ones > 0 && twos > 0 ? ones / (ones + 2 * twos) : 0.5;
}

const log10 = (x: number) => (x > 0 ? Math.log10(x) : -99);

/** An `order`-gram model of the sentences (each a list of words), as ARPA text. */
export function kneserNeyArpa(sentences: readonly (readonly string[])[], order = 3): string {
  // counts[k] holds the raw counts of the (k+1)-grams, keyed by their words joined by a space.
  const counts = Array.from({ length: order }, () => new Map<string, number>());
  for (const sentence of sentences) {
    const words = [START, ...sentence, END];
    for (let k = 1; k <= order; k++) {
      for (let end = k; end <= words.length; end++) {
        if (k === 1 && words[end - 1] === START) continue;
        const key = words.slice(end - k, end).join(SEPARATOR);
        counts[k - 1].set(key, (counts[k - 1].get(key) ?? 0) + 1);
      }
    }
  }
  // The adjusted counts, highest order first: continuation counts come from the order above.
  const adjusted = counts.map(() => new Map<string, number>());
  adjusted[order - 1] = counts[order - 1];
  for (let k = order - 1; k >= 1; k--) {
    const lower = adjusted[k - 1];
    for (const [key, count] of counts[k - 1]) if (key.startsWith(START + SEPARATOR) || key === START) lower.set(key, count);
    for (const key of counts[k].keys()) {
      const suffix = key.slice(key.indexOf(SEPARATOR) + 1);
      if (!suffix.startsWith(START + SEPARATOR)) lower.set(suffix, (lower.get(suffix) ?? 0) + 1);
    }
  }
  adjusted[0].set(UNKNOWN, 0);
  const discounts = adjusted.map(discount);

  // Per context: the sum of its children's adjusted counts and how many children it has.
  const contextTotals = adjusted.map((level) => {
    const totals = new Map<string, { sum: number; types: number }>();
    for (const [key, count] of level) {
      const split = key.lastIndexOf(SEPARATOR);
      const context = split < 0 ? '' : key.slice(0, split);
      const total = totals.get(context) ?? { sum: 0, types: 0 };
      total.sum += count;
      if (count > 0) total.types++;
      totals.set(context, total);
    }
    return totals;
  });
  const gamma = (k: number, context: string): number => {
    const total = contextTotals[k].get(context);
    return total === undefined ? 1 : (discounts[k] * total.types) / total.sum;
  };

  const vocabularySize = adjusted[0].size;
  const probabilities = adjusted.map(() => new Map<string, number>());
  for (let k = 0; k < order; k++) {
    for (const [key, count] of adjusted[k]) {
      const split = key.lastIndexOf(SEPARATOR);
      const context = split < 0 ? '' : key.slice(0, split);
      const lower = k === 0 ? 1 / vocabularySize : probabilities[k - 1].get(key.slice(key.indexOf(SEPARATOR) + 1))!;
      const { sum } = contextTotals[k].get(context)!;
      probabilities[k].set(key, Math.max(count - discounts[k], 0) / sum + gamma(k, context) * lower);
    }
  }

  const lines = ['\\data\\', ...adjusted.map((level, k) => `ngram ${k + 1}=${level.size + (k === 0 ? 1 : 0)}`), ''];
  for (let k = 0; k < order; k++) {
    lines.push(`\\${k + 1}-grams:`);
    const entries = k === 0 ? [[START, 0] as [string, number], ...probabilities[0]] : [...probabilities[k]];
    for (const [key, probability] of entries) {
      const probabilityText = key === START ? '-99' : log10(probability).toFixed(6);
      const backoff = k < order - 1 && contextTotals[k + 1].has(key) ? `\t${log10(gamma(k + 1, key)).toFixed(6)}` : '';
      lines.push(`${probabilityText}\t${key}${backoff}`);
    }
    lines.push('');
  }
  lines.push('\\end\\', '');
  return lines.join('\n');
}
