/**
 * A paragraph's timestamp: m:ss, or h:mm:ss from an hour on, rounded down, so a paragraph that
 * starts at 0:09.8 is not shown as starting at 0:10.
 */
export function timestamp(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
