import type { KeyTarget } from './shortcuts.ts';

/** What shortcuts need to know of the element a key was pressed on. */
export interface KeyElement {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  readonly getAttribute: (name: string) => string | null;
}

// Inputs that take no typing: the rest (text, search, number…) keep every key.
const CONTROL_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image']);
const CONTROL_TAGS = new Set(['BUTTON', 'A', 'SUMMARY', 'AUDIO', 'VIDEO']);

export function keyTarget(element: KeyElement | null): KeyTarget {
  if (element === null) return 'elsewhere';
  const tag = element.tagName.toUpperCase();
  if (element.isContentEditable === true || tag === 'TEXTAREA' || tag === 'SELECT') return 'typing';
  if (tag === 'INPUT') return CONTROL_INPUTS.has((element.getAttribute('type') ?? 'text').toLowerCase()) ? 'control' : 'typing';
  if (CONTROL_TAGS.has(tag) || element.getAttribute('role') === 'tab') return 'control';
  return element.getAttribute('data-testid') === 'word' ? 'word' : 'elsewhere';
}
