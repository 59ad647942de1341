import { describe, expect, it } from 'vitest';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import { StreamingResampler } from '../../src/shared/audio/streamingResampler.ts';
import { CaptureClock } from '../../src/features/live/captureClock.ts';
import { LiveTranscript } from '../../src/jobs/liveTranscript.ts';
import { firstSampleAbove, meterLevel, peakOf } from '../../src/features/live/meterLevel.ts';
import { describeMicrophoneError, microphoneSupportProblem } from '../../src/features/live/micErrors.ts';
import { MonoFrameBatcher } from '../../src/features/live/worklet/monoFrameBatcher.ts';
import { floatToPcm16, pcm16ToFloat } from '../../src/features/live/pcm16.ts';
import { PreviewPacer } from '../../src/features/live/previewPacer.ts';
import { recordingFileName, recordingTitle } from '../../src/features/live/recordingNames.ts';
import { SampleRing } from '../../src/features/live/sampleRing.ts';
import { SixteenKhzPcm } from '../../src/features/live/sixteenKhzPcm.ts';
import { WAV_HEADER_BYTES, wavHeader } from '../../src/features/live/wavHeader.ts';

const ramp = (from: number, count: number) => Float32Array.from({ length: count }, (_, i) => from + i);

describe('sample ring', () => {
  it('hands samples out in order across the wrap-around', () => {
    const ring = new SampleRing(10);
    expect(ring.write(ramp(0, 7))).toBe(7);
    expect([...ring.read(5)]).toEqual([0, 1, 2, 3, 4]);
    expect(ring.write(ramp(7, 6))).toBe(6); // wraps: 3 at the end, 3 at the start
    expect(ring.length).toBe(8);
    expect([...ring.read()]).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(ring.length).toBe(0);
    expect(ring.read().length).toBe(0);
  });

  it('never overwrites unread samples and says how many did not fit', () => {
    const ring = new SampleRing(4);
    expect(ring.write(ramp(0, 3))).toBe(3);
    expect(ring.write(ramp(3, 3))).toBe(1);
    expect([...ring.read()]).toEqual([0, 1, 2, 3]);
  });

  it('keeps its memory fixed however much passes through', () => {
    const ring = new SampleRing(1000);
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 500; round++) {
      next += ring.write(ramp(next, 1 + ((round * 37) % 300)));
      const out = ring.read(1 + ((round * 53) % 250));
      for (const value of out) expect(value).toBe(expected++);
    }
    expect(ring.capacity).toBe(1000);
    expect(ring.length).toBeLessThanOrEqual(1000);
  });

  it('returns arrays the caller owns (transferable, not views of the ring)', () => {
    const ring = new SampleRing(8);
    ring.write(ramp(0, 4));
    const out = ring.read();
    expect(out.buffer.byteLength).toBe(4 * 4);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new SampleRing(0)).toThrow(RangeError);
  });
});

const word = (text: string, start: number, end: number): TranscribedWord => ({ text, start, end, confidence: 1 });

describe('live transcript: committed words and the tentative tail', () => {
  it('shows the preview as the tail and keeps only what lies past each commit', () => {
    const live = new LiveTranscript();
    live.preview([word('YOU', 0.2, 0.56), word('UNDER', 0.68, 1.2)]);
    expect(live.tentative()).toEqual(word('YOU UNDER', 0.2, 1.2));

    // A window completes: YOU is final, UNDERSTOOD is being spelled at the committed edge.
    live.commit({ words: [word('YOU', 0.2, 0.56)], pending: word('UNDERST', 0.68, 1.5) });
    expect(live.tail).toEqual([word('UNDER', 0.68, 1.2)]);

    live.preview([word('UNDERSTOOD', 0.68, 1.9), word('SO', 2.0, 2.2)]);
    live.commit({ words: [word('UNDERSTOOD', 0.68, 1.9), word('SO', 2.0, 2.2)], pending: null });
    expect(live.tail).toEqual([]);
    expect(live.tentative()).toBeNull();
  });

  it('shows the word being spelled at the committed edge when no preview covers it yet', () => {
    const live = new LiveTranscript();
    live.commit({ words: [word('YOU', 0.2, 0.56)], pending: word('UND', 0.68, 1.0) });
    expect(live.tail).toEqual([word('UND', 0.68, 1.0)]);
    live.preview([word('UNDERSTOOD', 0.68, 1.9)]);
    live.commit({ words: [], pending: word('UNDERS', 0.68, 1.3) });
    expect(live.tail).toEqual([word('UNDERSTOOD', 0.68, 1.9)]);
  });

  it('never shows committed words again in the tail', () => {
    const live = new LiveTranscript();
    live.commit({ words: [word('A', 0, 0.5), word('B', 0.6, 1)], pending: null });
    live.preview([word('B', 0.6, 1), word('C', 1.2, 1.4)]);
    expect(live.tail).toEqual([word('C', 1.2, 1.4)]);
  });

  it('has no tail once the stream has ended', () => {
    const live = new LiveTranscript();
    live.preview([word('C', 1.2, 1.4)]);
    live.end();
    expect(live.tentative()).toBeNull();
  });
});

describe('preview pacing', () => {
  it('previews only new audio, never two at once, at most every interval', () => {
    const pacer = new PreviewPacer(400);
    expect(pacer.delay(0)).toBeNull();
    pacer.audioArrived();
    expect(pacer.delay(0)).toBe(0);
    pacer.started(0);
    pacer.audioArrived();
    expect(pacer.delay(10)).toBeNull(); // one is running
    pacer.finished(50);
    expect(pacer.delay(100)).toBe(350);
    expect(pacer.delay(500)).toBe(0);
    pacer.started(500);
    pacer.finished(510);
    expect(pacer.delay(600)).toBeNull(); // nothing new to show
  });

  it('waits as long as the last preview took when that is longer than the interval', () => {
    const pacer = new PreviewPacer(400);
    pacer.audioArrived();
    pacer.started(0);
    pacer.finished(1000);
    pacer.audioArrived();
    expect(pacer.delay(1000)).toBe(1000);
  });
});

describe('capture frames and the 16 kHz conversion', () => {
  const tone = (rate: number, hz: number, seconds: number, amplitude = 0.5) =>
    Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

  /** Feeds two channels as render quanta of 128 frames, as an AudioWorklet sees them. */
  function captureQuanta(left: Float32Array, right: Float32Array, frameSamples: number): Float32Array[] {
    const batcher = new MonoFrameBatcher(frameSamples);
    const frames: Float32Array[] = [];
    for (let at = 0; at < left.length; at += 128) {
      frames.push(...batcher.push([left.subarray(at, at + 128), right.subarray(at, at + 128)]));
    }
    const last = batcher.finish();
    if (last !== null) frames.push(last);
    return frames;
  }

  it('mixes stereo quanta to mono frames of a fixed length without losing a sample', () => {
    const left = ramp(0, 1000);
    const right = ramp(0, 1000).map((v) => -v + 2);
    const frames = captureQuanta(left, right, 300);
    expect(frames.map((f) => f.length)).toEqual([300, 300, 300, 100]);
    for (const frame of frames) expect(frame.every((v) => v === 1)).toBe(true);
  });

  it('adds nothing for a quantum without channels (the input not started yet)', () => {
    const batcher = new MonoFrameBatcher(4);
    expect(batcher.push([])).toEqual([]);
    expect(batcher.finish()).toBeNull();
  });

  it.each([44_100, 48_000])('converts %i Hz in frames to the same 16 kHz PCM as the whole stream at once', (rate) => {
    const left = tone(rate, 440, 1.3);
    const right = tone(rate, 440, 1.3, 0.3);
    const frames = captureQuanta(left, right, Math.round(rate * 0.04));
    const converter = new SixteenKhzPcm(rate);
    const pieces = [...frames.map((f) => converter.process(f)), converter.flush()];
    const streamed = Int16Array.from(pieces.flatMap((p) => [...p]));

    const whole = new StreamingResampler(rate, 16_000);
    const mono = left.map((v, i) => (v + right[i]) / 2);
    const reference = floatToPcm16(Float32Array.from([...whole.process(mono), ...whole.flush()]));
    expect(streamed.length).toBe(Math.ceil((left.length * 16_000) / rate));
    expect(streamed).toEqual(reference);
  });

  it.each([44_100, 48_000])('keeps a 1 kHz tone at 1 kHz and its level when converting from %i Hz', (rate) => {
    const converter = new SixteenKhzPcm(rate);
    const out = pcm16ToFloat(Int16Array.from([...converter.process(tone(rate, 1000, 1)), ...converter.flush()]));
    const middle = out.subarray(2000, 14_000); // away from the edges' silence
    let crossings = 0;
    for (let i = 1; i < middle.length; i++) if (middle[i - 1] < 0 !== middle[i] < 0) crossings++;
    expect(crossings / 2 / (middle.length / 16_000)).toBeCloseTo(1000, -1);
    expect(peakOf(middle)).toBeCloseTo(0.5, 2);
  });

  it('drops an 8.5 kHz tone that 16 kHz cannot carry instead of folding it back to 7.5 kHz', () => {
    const converter = new SixteenKhzPcm(48_000);
    const out = pcm16ToFloat(converter.process(tone(48_000, 8_500, 1)));
    expect(peakOf(out.subarray(2000, 14_000))).toBeLessThan(0.001);
  });
});

describe('16-bit PCM', () => {
  it('rounds, clamps, and reads back as value / 32768', () => {
    const pcm = floatToPcm16(Float32Array.from([0, 0.5, -0.5, 1, -1, 1.5, -2, 1 / 65536 + 1e-9]));
    expect([...pcm]).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768, 1]);
    expect([...pcm16ToFloat(Int16Array.from([16384, -32768, 1]))]).toEqual([0.5, -1, 1 / 32768]);
  });

  it('is stable: converting back and forth again changes nothing', () => {
    const pcm = floatToPcm16(Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7)));
    expect(floatToPcm16(pcm16ToFloat(pcm))).toEqual(pcm);
  });
});

describe('WAV header', () => {
  it('describes 16-bit mono 16 kHz PCM of the given size', () => {
    const header = wavHeader(16_000, 1, 16, 32_000);
    const view = new DataView(header.buffer);
    const text = (at: number) => String.fromCharCode(...header.subarray(at, at + 4));
    expect(header.length).toBe(WAV_HEADER_BYTES);
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(36 + 32_000);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint32(28, true)).toBe(32_000);
    expect(view.getUint16(32, true)).toBe(2);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(32_000);
  });
});

describe('level meter', () => {
  it('maps the peak to 0..1 on a decibel scale', () => {
    expect(peakOf(Float32Array.from([0.1, -0.5, 0.2]))).toBe(0.5);
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(1)).toBe(1);
    expect(meterLevel(2)).toBe(1);
    expect(meterLevel(0.001)).toBeCloseTo(0, 10); // -60 dBFS
    expect(meterLevel(0.0316)).toBeCloseTo(0.5, 2); // -30 dBFS
  });
});

describe('capture clock', () => {
  it('dates samples from the least delayed frame', () => {
    const clock = new CaptureClock(16_000);
    clock.frameArrived(1_100, 640); // 40 ms of audio, 1060 ms + 40 ms: arrived on time
    clock.frameArrived(1_300, 1_280); // a busy page: 160 ms late
    expect(clock.timeOf(0)).toBe(1_060);
    expect(clock.timeOf(3_200)).toBe(1_260);
  });

  it('finds the first sample over a threshold', () => {
    expect(firstSampleAbove(Int16Array.from([0, 3, -400, 500]), 327)).toBe(2);
    expect(firstSampleAbove(Int16Array.from([0, 3]), 327)).toBe(-1);
  });
});

describe('microphone errors', () => {
  const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

  it('says what to do when permission is denied', () => {
    const message = describeMicrophoneError(domError('NotAllowedError', 'Permission denied'));
    expect(message).toMatch(/denied/);
    expect(message).toMatch(/address bar/);
    expect(message).toMatch(/press Record again/);
  });

  it('points at the system settings when the operating system denies it', () => {
    expect(describeMicrophoneError(domError('NotAllowedError', 'Permission denied by system'))).toMatch(/operating system/);
  });

  it('says no microphone was found when there is no device', () => {
    expect(describeMicrophoneError(domError('NotFoundError', 'Requested device not found'))).toMatch(/No microphone was found/);
    expect(describeMicrophoneError(domError('OverconstrainedError'))).toMatch(/No microphone was found/);
  });

  it('says the device is busy when it cannot be read', () => {
    expect(describeMicrophoneError(domError('NotReadableError', 'Could not start audio source'))).toMatch(/another app/);
  });

  it('keeps the detail of anything else', () => {
    expect(describeMicrophoneError(new TypeError('boom'))).toMatch(/\(boom\)/);
    expect(describeMicrophoneError('odd')).toMatch(/\(odd\)/);
  });

  it('explains an insecure page or a browser without the needed APIs', () => {
    expect(microphoneSupportProblem({ secureContext: false, getUserMedia: false, audioWorklet: true })).toMatch(/https/);
    expect(microphoneSupportProblem({ secureContext: true, getUserMedia: true, audioWorklet: false })).toMatch(/cannot record/);
    expect(microphoneSupportProblem({ secureContext: true, getUserMedia: true, audioWorklet: true })).toBeNull();
  });
});

describe('recording names', () => {
  it('titles the job with the start time and names the file without colons', () => {
    const at = new Date(2026, 10, 25, 9, 3, 7);
    expect(recordingTitle(at)).toBe('Microphone recording 09:03');
    expect(recordingFileName(at)).toBe('recording-2026-11-25-090307.wav');
  });
});
