import { useState, type DragEvent } from 'react';
import { useJobStore } from '../../jobs/jobStore.ts';
import type { FileJobs } from './fileJobs.ts';

export function FileDrop({ files }: { files: FileJobs }) {
  const queue = useJobStore((s) => s.queue);
  const finished = useJobStore((s) => s.finished);
  const [over, setOver] = useState(false);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    files.enqueue(event.dataTransfer.files);
  };

  return (
    <section
      className={`card drop${over ? ' over' : ''}`}
      aria-labelledby="file-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <h2 id="file-heading">Audio or video file</h2>
      <p>Drop files here, or pick them. Nothing leaves this device.</p>
      <label htmlFor="file-input">Audio file</label>{' '}
      <input
        id="file-input"
        type="file"
        accept="audio/*,video/*,.wav,.mp3,.m4a,.ogg,.opus,.flac,.webm,.mp4"
        multiple
        onChange={(e) => {
          files.enqueue(e.target.files ?? []);
          e.target.value = '';
        }}
      />
      {queue.length > 0 && (
        <>
          <h3 id="queue-heading">Waiting ({queue.length})</h3>
          <button type="button" onClick={() => files.clearQueue()}>
            Clear queue
          </button>
          <ol aria-labelledby="queue-heading" data-testid="queue">
            {queue.map((item) => (
              <li key={item.id}>
                {item.file.name}{' '}
                <button type="button" onClick={() => files.removeQueued(item.id)} aria-label={`Remove ${item.file.name} from the queue`}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      {finished.length > 0 && (
        <>
          <h3 id="finished-heading">Finished ({finished.length})</h3>
          <ol aria-labelledby="finished-heading" data-testid="finished-files">
            {finished.map((item) => (
              <li key={item.id} data-state={item.state} data-file={item.name}>
                {item.message}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
