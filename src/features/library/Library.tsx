import { LibraryPanel } from './LibraryPanel.tsx';
import type { LibraryJobs } from './libraryJobs.ts';
import { libraryPreferenceActions, useLibraryPreferences } from './libraryPreferences.ts';

/** The library view with the user's remembered choices. */
export function Library({ jobs }: { jobs: LibraryJobs }) {
  const keepFiles = useLibraryPreferences((s) => s.keepFiles);
  return <LibraryPanel jobs={jobs} keepFiles={keepFiles} onKeepFilesChange={libraryPreferenceActions.setKeepFiles} />;
}
