import { errorText } from '../../shared/errorText.ts';

/** What keeps transcripts from being saved, for the status the UI shows. */
export type StorageProblem = 'unavailable' | 'quota' | 'write-failed' | 'read-failed' | 'closed' | 'taken-over';

export interface ProblemReport {
  readonly problem: StorageProblem;
  readonly message: string;
}

const KEPT_IN_TAB = 'Transcripts are kept only in this tab until it closes: export the ones you need.';

export function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === DOMException.QUOTA_EXCEEDED_ERR);
}

export function noIndexedDb(): ProblemReport {
  return {
    problem: 'unavailable',
    message: `This browser does not let the page store data (private browsing, or site data turned off), so the library cannot be saved. ${KEPT_IN_TAB}`,
  };
}

export function openFailed(error: unknown): ProblemReport {
  if (error instanceof DOMException && error.name === 'VersionError') {
    return {
      problem: 'unavailable',
      message: `The library on this device was saved by a newer version of the app: reload the page to get that version. ${KEPT_IN_TAB}`,
    };
  }
  if (error instanceof DOMException && (error.name === 'InvalidStateError' || error.name === 'SecurityError')) {
    return {
      problem: 'unavailable',
      message: `The browser refuses to store data for this page (private browsing, or site data blocked), so the library cannot be saved. ${KEPT_IN_TAB}`,
    };
  }
  return { problem: 'unavailable', message: `The library could not be opened (${errorText(error)}). ${KEPT_IN_TAB}` };
}

export function writeFailed(error: unknown): ProblemReport {
  if (isQuotaExceeded(error)) {
    return {
      problem: 'quota',
      message:
        'The browser storage for this site is full, so the newest transcript text is not being saved (it stays in this tab). Delete old transcripts from the library to free space; saving resumes with the next words.',
    };
  }
  return {
    problem: 'write-failed',
    message: `Saving to the library failed (${errorText(error)}). The text stays in this tab, and saving is tried again with the next words.`,
  };
}

export function readFailed(error: unknown): ProblemReport {
  return { problem: 'read-failed', message: `Reading the library failed (${errorText(error)}); what could be read is shown.` };
}

export function upgradedElsewhere(): ProblemReport {
  return {
    problem: 'closed',
    message: `A newer version of the app opened in another tab and upgraded the library: reload this tab to keep saving. ${KEPT_IN_TAB}`,
  };
}

export function closedByBrowser(): ProblemReport {
  return {
    problem: 'closed',
    message: `The browser closed the library (site data cleared, or a disk error). ${KEPT_IN_TAB}`,
  };
}

export function waitingForOtherTabs(): string {
  return 'The library is being upgraded: close the other tabs of this app to let it finish.';
}

export function takenOver(name: string): ProblemReport {
  return {
    problem: 'taken-over',
    message: `"${name}" is being continued in another tab, so this tab no longer saves it; its text here stays until the tab closes.`,
  };
}
