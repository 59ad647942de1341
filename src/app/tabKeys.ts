/**
 * The tab a key moves to in a tab list of `count` tabs, from tab `index`: the arrow keys step
 * round the ends, Home and End go to the first and last; null for any other key.
 */
export function tabAfterKey(index: number, key: string, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
