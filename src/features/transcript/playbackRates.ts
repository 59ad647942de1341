/** The speeds the player offers. */
export const PLAYBACK_RATES: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** The offered speed one step slower (-1) or faster (+1) than `rate`, kept within the offer. */
export function stepRate(rate: number, direction: 1 | -1): number {
  if (direction === 1) return PLAYBACK_RATES.find((r) => r > rate + 1e-9) ?? PLAYBACK_RATES[PLAYBACK_RATES.length - 1];
  return PLAYBACK_RATES.findLast((r) => r < rate - 1e-9) ?? PLAYBACK_RATES[0];
}

/** The offered speed nearest `rate` (the browser's own menu may have set another). */
export function nearestRate(rate: number): number {
  return PLAYBACK_RATES.reduce((best, r) => (Math.abs(r - rate) < Math.abs(best - rate) ? r : best));
}

export function rateLabel(rate: number): string {
  return `${rate}×`;
}
