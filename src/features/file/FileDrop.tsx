import { useState, type DragEvent } from 'react';
import { useAppStore } from '../../jobs/jobStore.ts';
import { useController } from '../../app/servicesContext.ts';

export function FileDrop() {
  const controller = useController();
  const queue = useAppStore((s) => s.queue);
  const [over, setOver] = useState(false);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    controller.enqueue(event.dataTransfer.files);
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
          controller.enqueue(e.target.files ?? []);
          e.target.value = '';
        }}
      />
      {queue.length > 0 && (
        <>
          <h3 id="queue-heading">Waiting ({queue.length})</h3>
          <ol aria-labelledby="queue-heading" data-testid="queue">
            {queue.map((item) => (
              <li key={item.id}>
                {item.file.name}{' '}
                <button type="button" onClick={() => controller.removeQueued(item.id)} aria-label={`Remove ${item.file.name} from the queue`}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
