/** Part of the viewport, from the top, where a revealed word is placed. */
export const REVEAL_AT = 0.3;
// A word this close to the viewport's top or bottom edge (as parts of its height) is scrolled to REVEAL_AT.
const TOP_MARGIN = 0.05;
const BOTTOM_MARGIN = 0.15;

/**
 * The scroll position that shows an element spanning `top` to `bottom` (content offsets) in a
 * viewport of `height` scrolled to `scrollTop`: unchanged (null) while it sits comfortably
 * inside, otherwise with the element at REVEAL_AT, so following the playhead scrolls in
 * occasional steps rather than every line.
 */
export function revealScrollTop(top: number, bottom: number, scrollTop: number, height: number): number | null {
  const inside = top >= scrollTop + height * TOP_MARGIN && bottom <= scrollTop + height * (1 - BOTTOM_MARGIN);
  return inside ? null : Math.max(0, top - height * REVEAL_AT);
}
