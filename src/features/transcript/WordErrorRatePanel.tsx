import { useMemo } from 'react';
import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import { shownWords } from './jobEdits.ts';
import { plainText } from './transcriptExport.ts';
import { useWorkspaceJob } from './useWorkspaceJob.ts';
import { wordErrorRate } from './wordErrorRate.ts';

/** A reference text and the word error rate of the transcript in the workspace (as edited) against it. */
export function WordErrorRatePanel() {
  const job = useWorkspaceJob();
  const reference = useJobStore((s) => s.reference);
  const text = useMemo(() => (job === null ? '' : plainText(shownWords(job))), [job]);
  return (
    <section aria-labelledby="wer-heading">
      <h2 id="wer-heading">Accuracy</h2>
      <label htmlFor="reference-input">Reference text (optional, for the word error rate)</label>
      <textarea id="reference-input" rows={2} value={reference} onChange={(e) => jobActions.setReference(e.target.value)} />
      {job !== null && job.outcome !== 'running' && reference.trim() !== '' && (
        <p data-testid="wer">Word error rate against the reference: {(wordErrorRate(reference, text) * 100).toFixed(1)} %</p>
      )}
    </section>
  );
}
