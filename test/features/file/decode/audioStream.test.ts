import { describe, expect, it, vi } from 'vitest';
import { untilAborted } from '../../../../src/features/file/decode/audioStream.ts';

describe('untilAborted', () => {
  it('passes the value through when nothing aborts', async () => {
    await expect(untilAborted(Promise.resolve(3), new AbortController().signal, () => {})).resolves.toBe(3);
    await expect(untilAborted(Promise.reject(new Error('x')), undefined, () => {})).rejects.toThrow('x');
  });

  it('rejects with the reason at once and hands a late value to onAbandoned', async () => {
    const controller = new AbortController();
    let resolve!: (value: string) => void;
    const late = new Promise<string>((r) => (resolve = r));
    const onAbandoned = vi.fn();
    const waiting = untilAborted(late, controller.signal, onAbandoned);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    resolve('sample');
    await late;
    await Promise.resolve();
    expect(onAbandoned).toHaveBeenCalledWith('sample');
  });

  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => untilAborted(Promise.resolve(1), controller.signal, () => {})).toThrow();
  });
});
