import type { JobSource } from './jobSource.ts';
import { jobActions, type JobMedia } from './jobStore.ts';

/**
 * `source`, giving the job `media` for its player once the source has opened: runJob shows the job
 * before it opens the source, and a file that cannot be opened has nothing to play.
 */
export function sourceWithMedia(source: JobSource, media: JobMedia): JobSource {
  return {
    kind: source.kind,
    file: source.file,
    get name() {
      return source.name;
    },
    runningMessage: (percent) => source.runningMessage(percent),
    open: async (signal) => {
      const opened = await source.open(signal);
      jobActions.attachMedia(media);
      return opened;
    },
    feed: (signal, fromSeconds) => source.feed(signal, fromSeconds),
    recycle: (chunk) => source.recycle(chunk),
    close: () => source.close(),
  };
}
