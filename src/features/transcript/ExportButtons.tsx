import type { TranscriptJob } from '../../jobs/jobStore.ts';
import { shownWords } from './jobEdits.ts';
import { plainText, toJson, toSrt, toWebVtt } from './transcriptExport.ts';
import { useDisplayOptions } from './workspaceStore.ts';

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

/** The Save buttons: the words as edited, in the case and paragraphs the workspace shows. */
export function ExportButtons({ job }: { job: TranscriptJob }) {
  const options = useDisplayOptions();
  return (
    <div className="row exports" role="group" aria-label={`Save the transcript of ${job.source}`}>
      {EXPORTS.map((format) => (
        <button
          key={format.extension}
          type="button"
          disabled={job.words.length === 0}
          onClick={() => download(`${baseName(job.source)}.${format.extension}`, format.type, format.render(shownWords(job), options))}
        >
          Save {format.label}
        </button>
      ))}
    </div>
  );
}
