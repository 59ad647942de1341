/** The word elements' selector; each carries its transcript index in `data-i`. */
export const WORD_SELECTOR = '[data-testid="word"]';
/** A paragraph's element: `data-from` and `data-to` give its words' indexes (`to` exclusive). */
export const PARAGRAPH_SELECTOR = '[data-from]';

const range = (paragraph: HTMLElement) => ({ from: Number(paragraph.dataset.from), to: Number(paragraph.dataset.to) });

function clearWord(word: Element): void {
  word.removeAttribute('aria-current');
  word.removeAttribute('data-played');
}

function markWord(word: Element, index: number, current: number): void {
  if (index === current) word.setAttribute('aria-current', 'true');
  else word.removeAttribute('aria-current');
  if (index < current) word.setAttribute('data-played', 'true');
  else word.removeAttribute('data-played');
}

/**
 * Marks the word under the playhead (`aria-current="true"`) and what has been played, straight on
 * the rendered elements, outside React: the playhead moves every frame. A paragraph played to
 * its end is marked as a whole (`data-played` on it); only the current paragraph's words carry
 * marks of their own. So a step to the next word touches two words, and a jump the rendered
 * paragraphs and the words of two paragraphs. Paragraphs rendered later paint themselves.
 */
export class WordHighlighter {
  private root: HTMLElement | null = null;
  private current = -1;
  /** The paragraph whose words carry marks. */
  private marked: HTMLElement | null = null;

  get currentIndex(): number {
    return this.current;
  }

  attach(root: HTMLElement | null): void {
    this.root = root;
    this.marked = null;
    if (root !== null) for (const paragraph of root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR)) this.paint(paragraph);
  }

  /** Makes word `index` the current one (-1: none). */
  setCurrent(index: number): void {
    const previous = this.current;
    if (index === previous) return;
    this.current = index;
    const root = this.root;
    if (root === null) return;
    const marked = this.marked;
    if (marked !== null && marked.isConnected) {
      const { from, to } = range(marked);
      if (index >= from && index < to && previous >= from && previous < to && Math.abs(index - previous) === 1) {
        const words = marked.querySelectorAll(WORD_SELECTOR);
        // Every word of the paragraph is rendered in order, unless the editor holds some.
        if (words.length === to - from) {
          markWord(words[previous - from], previous, index);
          markWord(words[index - from], index, index);
          return;
        }
      }
    }
    for (const paragraph of root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR)) this.paint(paragraph);
  }

  /** Paints a paragraph that rendered anew (or whose words did). */
  paint(paragraph: HTMLElement): void {
    const { from, to } = range(paragraph);
    const current = this.current;
    const holdsCurrent = current >= from && current < to;
    if (current >= to) paragraph.setAttribute('data-played', 'true');
    else paragraph.removeAttribute('data-played');
    if (!holdsCurrent && paragraph !== this.marked) return;
    if (paragraph === this.marked && !holdsCurrent) this.marked = null;
    if (holdsCurrent) {
      if (this.marked !== null && this.marked !== paragraph && this.marked.isConnected) this.clearWords(this.marked);
      this.marked = paragraph;
    }
    const words = paragraph.querySelectorAll<HTMLElement>(WORD_SELECTOR);
    const inOrder = words.length === to - from;
    for (let k = 0; k < words.length; k++) {
      if (holdsCurrent) markWord(words[k], inOrder ? from + k : Number(words[k].dataset.i), current);
      else clearWord(words[k]);
    }
  }

  private clearWords(paragraph: HTMLElement): void {
    for (const word of paragraph.querySelectorAll(WORD_SELECTOR)) clearWord(word);
  }
}
