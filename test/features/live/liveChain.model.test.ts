// The microphone's pipeline in Node with the real tone model: device-rate stereo render quanta →
// mono frames → 16 kHz PCM → engine pushes with previews in between, as the page runs it.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StreamingTranscriber } from '../../../src/engine/asr/streamingTranscriber.ts';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import { windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { StreamingResampler } from '../../../src/shared/audio/streamingResampler.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { LiveTranscript } from '../../../src/jobs/liveTranscript.ts';
import { MonoFrameBatcher } from '../../../src/features/live/worklet/monoFrameBatcher.ts';
import { pcm16ToFloat } from '../../../src/features/live/pcm16.ts';
import { SixteenKhzPcm } from '../../../src/features/live/sixteenKhzPcm.ts';
import { formatsManifest, MODELS_DIR, readWav16kMono, TONES } from '../../support/sharedFixtures.ts';
import { text } from '../../support/toneModel.ts';

const PARAGRAPH = formatsManifest().text;
const DEVICE_RATE = 44_100;

let model: CtcModel;

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
});

/** What Chromium's fake device delivers for the file: 44.1 kHz, the same signal on both channels. */
function deviceSignal(): Float32Array {
  const resampler = new StreamingResampler(16_000, DEVICE_RATE);
  const mic = readWav16kMono(path.join(TONES, 'mic-input-16k.wav'));
  return Float32Array.from([...resampler.process(mic), ...resampler.flush()]);
}

describe('live pipeline with tone-ctc', () => {
  it('commits the paragraph exactly, shows a consistent tail, and matches the saved audio transcribed as a file', async () => {
    const settings = windowSettings(model.geometry, 10, 1);
    const live = new StreamingTranscriber(model, settings);
    const transcript = new LiveTranscript();
    const committed: TranscribedWord[] = [];
    const saved: Int16Array[] = [];
    const batcher = new MonoFrameBatcher(Math.round(DEVICE_RATE * 0.04));
    const converter = new SixteenKhzPcm(DEVICE_RATE);
    const paragraph = PARAGRAPH.split(' ');
    let previews = 0;

    /** What is on screen is the paragraph so far; only the tail's last word may be cut short. */
    const expectConsistentDisplay = (when: string) => {
      const shown = [...committed, ...transcript.tail].map((w) => w.text);
      const whole = shown.slice(0, -1);
      expect(whole, when).toEqual(paragraph.slice(0, whole.length));
      if (shown.length > 0) expect(paragraph[shown.length - 1].startsWith(shown[shown.length - 1]), when).toBe(true);
    };

    const pushPcm = async (pcm: Int16Array) => {
      saved.push(pcm);
      const update = await live.push(pcm16ToFloat(pcm));
      transcript.commit(update);
      committed.push(...update.words);
      expectConsistentDisplay(`after a push at ${live.windowCount} windows`);
    };

    const device = deviceSignal();
    let frames = 0;
    for (let at = 0; at < device.length; at += 128) {
      const quantum = device.subarray(at, at + 128);
      for (const frame of batcher.push([quantum, quantum])) {
        await pushPcm(converter.process(frame));
        // A preview every 10 frames (400 ms), as the page paces them.
        if (++frames % 10 === 0) {
          transcript.preview(await live.preview());
          previews++;
          expectConsistentDisplay(`after the preview at frame ${frames}`);
        }
      }
    }
    const lastFrame = batcher.finish();
    if (lastFrame !== null) await pushPcm(converter.process(lastFrame));
    await pushPcm(converter.flush());
    const last = await live.finish();
    transcript.commit(last);
    transcript.end();
    committed.push(...last.words);

    expect(previews).toBeGreaterThan(50);
    expect(text(committed)).toBe(PARAGRAPH);
    expect(transcript.tentative()).toBeNull();

    // The saved recording, dropped later as a file: other chunk sizes, no previews, same words and times.
    const file = new StreamingTranscriber(model, settings);
    const recording = pcm16ToFloat(Int16Array.from(saved.flatMap((pcm) => [...pcm])));
    const fileWords: TranscribedWord[] = [];
    for (let at = 0; at < recording.length; at += 48_000) {
      fileWords.push(...(await file.push(recording.subarray(at, at + 48_000))).words);
    }
    fileWords.push(...(await file.finish()).words);
    expect(fileWords).toEqual(committed);
  });
});
