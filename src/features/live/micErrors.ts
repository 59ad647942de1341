/** What the page can tell about the browser before asking for the microphone. */
export interface MicrophoneSupport {
  readonly secureContext: boolean;
  readonly getUserMedia: boolean;
  readonly audioWorklet: boolean;
}

/** Why recording cannot work in this browser at all, or null when it can. */
export function microphoneSupportProblem(support: MicrophoneSupport): string | null {
  if (!support.secureContext) {
    return 'Recording needs a secure page: open the app over https:// (or from localhost), then press Record.';
  }
  if (!support.getUserMedia || !support.audioWorklet) {
    return 'This browser cannot record audio here (no microphone access or AudioWorklet). Use a current Chrome, Edge, Firefox or Safari, or transcribe a recorded file instead.';
  }
  return null;
}

const AGAIN = 'then press Record again.';

/** Turns a getUserMedia (or audio start-up) failure into what happened and what to do about it. */
export function describeMicrophoneError(error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const detail = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
    ? String((error as { message: unknown }).message)
    : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      if (/system/i.test(detail)) {
        return `Your operating system does not let this browser use the microphone. Allow it in the system's privacy settings (Microphone), ${AGAIN}`;
      }
      return `Microphone access was denied. Allow it for this site (the microphone or site-settings icon in the address bar, Microphone: Allow), ${AGAIN}`;
    case 'SecurityError':
      return `Microphone access is blocked for this page by the browser's security settings or a site policy. Open the app directly over https:// (not embedded in another site), ${AGAIN}`;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return `No microphone was found. Connect one, or enable it in your system's sound settings, ${AGAIN}`;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return `The microphone could not be started: another app may be using it, or the system blocked it. Close other apps that record sound, ${AGAIN}`;
    default:
      return `The microphone could not be started (${detail || name || 'unknown error'}). Check that it is connected and allowed for this site, ${AGAIN}`;
  }
}
