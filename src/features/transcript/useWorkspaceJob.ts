import { jobById, useJobStore, type TranscriptJob } from '../../jobs/jobStore.ts';
import { useWorkspaceStore } from './workspaceStore.ts';

/** The job the workspace shows: an earlier one the user opened, else the current one. */
export function useWorkspaceJob(): TranscriptJob | null {
  const viewed = useWorkspaceStore((s) => s.viewedJobId);
  return useJobStore((s) => (viewed === null ? null : jobById(s, viewed)) ?? s.job);
}
