import { Input, BlobSource, ALL_FORMATS, AudioSampleSink } from 'mediabunny';
export default async function (path: string) {
  const blob = await (await fetch('/@fs' + path)).blob();
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  const out: Record<string, unknown> = {};
  try {
  out.canRead = await input.canRead();
  const fmt = await input.getFormat(); out.format = fmt.name;
  const track = await input.getPrimaryAudioTrack();
  if (!track) return { ...out, track: null };
  out.codec = track.codec; out.sr = track.sampleRate; out.ch = track.numberOfChannels;
  out.cfg = await track.getDecoderConfig().then(c => c && ({...c, description: undefined}));
  out.canDecode = await track.canDecode();
  out.first = await track.getFirstTimestamp();
  out.meta = await track.getDurationFromMetadata();
  out.computed = await track.computeDuration();
  const sink = new AudioSampleSink(track);
  const samples: string[] = []; let total = 0; let firstOnset: number | null = null; let n = 0;
  for await (const s of sink.samples()) {
    const buf = new Float32Array(s.numberOfFrames);
    s.copyTo(buf, { planeIndex: 0, format: 'f32-planar' });
    if (firstOnset === null) { const i = buf.findIndex(v => Math.abs(v) > 0.05); if (i >= 0) firstOnset = s.timestamp + i / s.sampleRate; }
    if (n < 3) samples.push(`${s.timestamp.toFixed(6)}+${s.numberOfFrames}@${s.sampleRate} d=${s.duration.toFixed(6)}`);
    out.last = `${s.timestamp.toFixed(6)}+${s.numberOfFrames}@${s.sampleRate} d=${s.duration.toFixed(6)} end=${(s.timestamp + s.numberOfFrames / s.sampleRate).toFixed(6)}`;
    total += s.numberOfFrames; n++; s.close();
  }
  out.samples = samples; out.n = n; out.totalFrames = total; out.firstOnset = firstOnset;
  } catch (e) { out.error = String(e); }
  return out;
}
