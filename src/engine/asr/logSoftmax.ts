/**
 * Writes the log-softmax of rows [fromRow, toRow) of a row-major `rows × width` matrix into
 * `out` (from its start), so each row becomes natural-log probabilities.
 */
export function logSoftmaxRows(logits: ArrayLike<number>, width: number, fromRow: number, toRow: number, out: Float32Array): void {
  for (let r = fromRow; r < toRow; r++) {
    const row = r * width;
    let max = -Infinity;
    for (let v = 0; v < width; v++) if (logits[row + v] > max) max = logits[row + v];
    let sum = 0;
    for (let v = 0; v < width; v++) sum += Math.exp(logits[row + v] - max);
    const shift = max + Math.log(sum);
    const target = (r - fromRow) * width;
    for (let v = 0; v < width; v++) out[target + v] = logits[row + v] - shift;
  }
}
