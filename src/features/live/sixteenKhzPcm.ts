import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { StreamingResampler } from '../../shared/audio/streamingResampler.ts';
import { floatToPcm16 } from './pcm16.ts';

/** The microphone's mono stream, at whatever rate the device runs, converted once to 16 kHz PCM. */
export class SixteenKhzPcm {
  private readonly resampler: StreamingResampler;

  constructor(inputRate: number) {
    this.resampler = new StreamingResampler(inputRate, SAMPLE_RATE);
  }

  process(mono: Float32Array): Int16Array {
    return floatToPcm16(this.resampler.process(mono));
  }

  /** Ends the stream: the samples still held back by the filter. */
  flush(): Int16Array {
    return floatToPcm16(this.resampler.flush());
  }
}
