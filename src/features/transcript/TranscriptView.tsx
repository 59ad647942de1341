import { useMemo } from 'react';
import { plainText, toJson, toSrt, toWebVtt } from './transcriptExport.ts';
import type { TranscribedWord } from '../../shared/transcript.ts';
import { wordErrorRate } from './wordErrorRate.ts';
import { jobActions, useJobStore, type TranscriptJob } from '../../jobs/jobStore.ts';

const EXPORTS = [
  { label: 'Text', extension: 'txt', type: 'text/plain', render: plainText },
  { label: 'SRT', extension: 'srt', type: 'application/x-subrip', render: toSrt },
  { label: 'WebVTT', extension: 'vtt', type: 'text/vtt', render: toWebVtt },
  { label: 'JSON', extension: 'json', type: 'application/json', render: toJson },
] as const;

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function baseName(source: string): string {
  return source.replace(/\.[^.]+$/, '') || 'transcript';
}

export function ExportButtons({ job }: { job: TranscriptJob }) {
  return (
    <div className="row" role="group" aria-label={`Save the transcript of ${job.source}`}>
      {EXPORTS.map((format) => (
        <button
          key={format.extension}
          type="button"
          disabled={job.words.length === 0}
          onClick={() => download(`${baseName(job.source)}.${format.extension}`, format.type, format.render(job.words))}
        >
          Save {format.label}
        </button>
      ))}
    </div>
  );
}

function WordErrorRate({ words }: { words: readonly TranscribedWord[] }) {
  const reference = useJobStore((s) => s.reference);
  if (reference.trim() === '') return null;
  return (
    <p data-testid="wer">
      Word error rate against the reference: {(wordErrorRate(reference, plainText(words)) * 100).toFixed(1)} %
    </p>
  );
}

export function TranscriptView() {
  const job = useJobStore((s) => s.job);
  const reference = useJobStore((s) => s.reference);
  const text = useMemo(() => (job === null ? '' : plainText(job.words)), [job?.words]);

  return (
    <section className="card" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">Transcript{job !== null && `: ${job.source}`}</h2>
      <div className="transcript" role="log" aria-live="polite" aria-relevant="additions text">
        <span data-testid="transcript">{text}</span>
        {job?.pending && (
          <span className="pending" aria-hidden="true" data-testid="transcript-tail">
            {' '}
            {job.pending.text}
          </span>
        )}
      </div>
      {job !== null && (
        <>
          <ExportButtons job={job} />
          {job.outcome !== 'running' && <WordErrorRate words={job.words} />}
        </>
      )}
      <label htmlFor="reference-input">Reference text (optional, for the word error rate)</label>
      <textarea
        id="reference-input"
        rows={2}
        value={reference}
        onChange={(e) => jobActions.setReference(e.target.value)}
      />
    </section>
  );
}

export function HistoryList() {
  const history = useJobStore((s) => s.history);
  if (history.length === 0) return null;
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Earlier transcripts</h2>
      {history.map((job) => (
        <details key={job.id}>
          <summary>
            {job.source} ({job.outcome}, {job.words.length} words)
          </summary>
          <p>{plainText(job.words)}</p>
          <ExportButtons job={job} />
        </details>
      ))}
    </section>
  );
}
