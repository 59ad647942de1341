/** The word elements' selector; each carries its transcript index in `data-i`. */
export const WORD_SELECTOR = '[data-testid="word"]';

function wordIndex(element: Element): number {
  return Number((element as HTMLElement).dataset.i);
}

function paint(element: Element, current: number): void {
  const index = wordIndex(element);
  if (index === current) element.setAttribute('aria-current', 'true');
  else element.removeAttribute('aria-current');
  if (index < current) element.setAttribute('data-played', 'true');
  else element.removeAttribute('data-played');
}

/**
 * Marks the word under the playhead (`aria-current`) and the words already played
 * (`data-played`) straight on the rendered elements, outside React: the playhead moves every
 * frame, and a step to the next word touches just the two words. A jump repaints the rendered
 * words; paragraphs rendered later paint themselves (paintWithin).
 */
export class WordHighlighter {
  private root: HTMLElement | null = null;
  private current = -1;

  get currentIndex(): number {
    return this.current;
  }

  attach(root: HTMLElement | null): void {
    this.root = root;
    if (root !== null) this.paintWithin(root);
  }

  /** Makes word `index` the current one (-1: none). */
  setCurrent(index: number): void {
    const previous = this.current;
    if (index === previous) return;
    this.current = index;
    const root = this.root;
    if (root === null) return;
    if (index === previous + 1) {
      const before = this.element(previous);
      const now = this.element(index);
      if (before !== null && now !== null) {
        paint(before, index);
        paint(now, index);
        return;
      }
    }
    this.paintWithin(root);
  }

  /** Paints every word rendered inside `container` (a paragraph that rendered anew). */
  paintWithin(container: Element): void {
    for (const element of container.querySelectorAll(WORD_SELECTOR)) paint(element, this.current);
  }

  element(index: number): HTMLElement | null {
    return index < 0 ? null : (this.root?.querySelector<HTMLElement>(`${WORD_SELECTOR}[data-i="${index}"]`) ?? null);
  }
}
