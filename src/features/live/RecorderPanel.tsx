import { formatDuration } from '../../shared/formatDuration.ts';
import { recorderActions, useRecorderStore } from './recorderStore.ts';
import type { LiveRecorder } from './liveRecorder.ts';
import { formatBytes } from '../../shared/formatBytes.ts';

const PHASE_TEXT = {
  idle: null,
  starting: 'Starting the microphone… (allow it if the browser asks)',
  recording: 'Recording',
  stopping: 'Finishing the transcript…',
} as const;

export function RecorderPanel({ recorder }: { recorder: LiveRecorder }) {
  const phase = useRecorderStore((s) => s.phase);
  const seconds = useRecorderStore((s) => s.seconds);
  const level = useRecorderStore((s) => s.level);
  const keepRecording = useRecorderStore((s) => s.keepRecording);
  const problem = useRecorderStore((s) => s.problem);
  const saved = useRecorderStore((s) => s.saved);
  const savedNote = useRecorderStore((s) => s.savedNote);
  const active = phase !== 'idle';

  return (
    <section className="card" aria-labelledby="mic-heading">
      <h2 id="mic-heading">Microphone</h2>
      <p>Words appear as you speak; grey words are tentative and may still change. Nothing leaves this device.</p>
      <div className="row">
        <button type="button" onClick={() => void recorder.start()} disabled={active}>
          Record
        </button>
        <button type="button" onClick={() => recorder.stop()} disabled={phase !== 'recording'}>
          Stop
        </button>
        <label htmlFor="mic-level">Level</label>
        <meter id="mic-level" className="mic-level" min={0} max={1} low={0.25} high={0.9} optimum={0.6} value={phase === 'recording' ? level : 0} />
        {/* role="timer" is not announced as it ticks; the status announces start and end. */}
        <span>
          Elapsed{' '}
          <span role="timer" className="figures" data-testid="mic-elapsed">
            {formatDuration(seconds)}
          </span>
        </span>
        {PHASE_TEXT[phase] !== null && <span data-testid="mic-phase" data-phase={phase}>{PHASE_TEXT[phase]}</span>}
      </div>
      <label>
        <input
          type="checkbox"
          checked={keepRecording}
          disabled={active}
          onChange={(e) => recorderActions.setKeepRecording(e.target.checked)}
        />{' '}
        Keep the recording so it can be saved (stored in this browser until the next recording)
      </label>
      {problem !== null && (
        <p className="error" role="alert" data-testid="mic-problem">
          {problem}
        </p>
      )}
      {saved !== null && (
        <div className="row" role="group" aria-label="The recording">
          <audio controls preload="metadata" src={saved.url} aria-label="Play the recording" />
          <a href={saved.url} download={saved.fileName} data-testid="save-recording">
            Save recording (WAV, {formatDuration(saved.seconds)}, {formatBytes(saved.bytes)})
          </a>
          <button type="button" onClick={() => void recorder.deleteRecording()} disabled={active}>
            Delete recording
          </button>
        </div>
      )}
      {savedNote !== null && <p className="warning" role="note">{savedNote}</p>}
    </section>
  );
}
