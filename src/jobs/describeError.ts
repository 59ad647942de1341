import { EngineDiedError } from '../engine/engineDied.ts';
import { modelLoadFailure } from '../engine/modelLoadError.ts';
import { WINDOW_SETTINGS_ERROR } from '../engine/protocol.ts';
import { errorText, UserFacingError } from '../shared/errorText.ts';
import { formatDuration } from '../shared/formatDuration.ts';
import { DEFAULT_MODEL } from '../shared/modelSource.ts';

// Turns engine and model-loading failures into sentences a user can act on. The engine worker's
// model errors already name the model and the cause (src/engine/worker/modelChecks.ts); what is
// added here is what to do. Errors arrive from the worker as a name and a message only.

/** A message without its closing full stop, so that sentences can be joined without "..". */
function clause(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

const isMemoryFailure = (detail: string) => /out of memory|\bOOM\b|allocation failed|memory\.grow|maximum memory size/i.test(detail);

/** ONNX Runtime's (or a worker's) own script or .wasm that did not load: the app's files, not the model's. */
const isRuntimeFailure = (detail: string) => /no available backend|dynamically imported module|ort-wasm|\.wasm\b/i.test(detail);

/**
 * A fetch that got no answer at all, as Chromium, Firefox and Safari word it: the whole message,
 * so that "Failed to fetch dynamically imported module" (the app's own files) is not one.
 */
function isFetchFailure(error: unknown): boolean {
  return /^(failed to fetch|networkerror when attempting to fetch resource|load failed)\.?$/i.test(errorText(error).trim());
}

const isFileNotFound = (error: unknown, detail: string) =>
  (error instanceof Error && error.name === 'ModelFileNotFoundError') || /could not locate file/i.test(detail);

function offline(model: string): string {
  return `Could not load the model "${model}": the network is unreachable and the model is not cached on this device. It needs one online visit to be downloaded and cached (or self-host it with MODELS_DIR and use ?model=/models/<name>).`;
}

/** Online, yet a download got no answer: the network or the host is down, or the host is not allowed. */
function unreachable(model: string, what: string): string {
  return `Could not load the model "${model}": ${what}, so the network or the model's host is unreachable and the model is not cached on this device. ${UNREACHABLE_ADVICE}.`;
}

const MISSING_ADVICE =
  'Check the Hub id (owner/name) or the URL: a model folder needs config.json, preprocessor_config.json, tokenizer.json and the onnx/model*.onnx file of the chosen dtype';
const UNREACHABLE_ADVICE =
  'Check the address and the connection. This app connects only to its own server and its model host (the Hugging Face Hub unless it was built with another), so a model anywhere else is blocked';
const RUNTIME_ADVICE_ONLINE = "Reload the page; if this keeps happening, the app's deployment is missing ONNX Runtime's .wasm and .mjs files";
const RUNTIME_ADVICE_OFFLINE = "You are offline and this app's runtime files are not cached yet: open the app once while online, then it works offline";

/** The sentence shown when a model cannot be loaded; `online` is navigator.onLine. */
export function describeModelLoadError(model: string, error: unknown, online: boolean): string {
  const said = clause(errorText(error));
  switch (modelLoadFailure(error)) {
    case 'ModelFileMissingError':
      return `${said}. ${MISSING_ADVICE}.`;
    case 'ModelNotAFolderError':
      return `${said}. Enter a Hugging Face Hub id (owner/name), or the URL of a folder in the transformers.js layout: config.json beside an onnx/ folder.`;
    case 'ModelFileCorruptError':
      return `${said}. Replace the file with a complete copy, delete this model's cached files under Storage, and load it again.`;
    case 'UnsupportedModelError':
      return `${said}. Choose a 16 kHz CTC speech checkpoint exported for transformers.js, such as ${DEFAULT_MODEL}.`;
    case 'ModelHostUnreachableError':
      return online ? `${said}. ${UNREACHABLE_ADVICE}.` : offline(model);
    case 'RuntimeUnavailableError':
      return `${said}. ${online ? RUNTIME_ADVICE_ONLINE : RUNTIME_ADVICE_OFFLINE}.`;
    case null:
      break;
  }
  if (isMemoryFailure(said)) {
    return `Could not load the model "${model}": the browser ran out of memory. Close other tabs, or choose a smaller or quantized model (dtype q8).`;
  }
  if (isRuntimeFailure(said)) {
    return `Could not load the model "${model}": the speech runtime did not start (${said}). ${online ? RUNTIME_ADVICE_ONLINE : RUNTIME_ADVICE_OFFLINE}.`;
  }
  if (isFetchFailure(error)) return online ? unreachable(model, `a download got no answer (${said})`) : offline(model);
  if (isFileNotFound(error, said)) {
    return `Could not load the model "${model}": its files were not found (${said}). ${MISSING_ADVICE}.`;
  }
  return `Could not load the model "${model}": ${said}`;
}

export function describeTranscriptionError(fileName: string, error: unknown): string {
  const detail = clause(errorText(error));
  if (error instanceof Error && error.name === WINDOW_SETTINGS_ERROR) {
    return `Transcribing "${fileName}" did not start: ${detail}. Change it under Settings.`;
  }
  if (isMemoryFailure(detail)) {
    return `Transcribing "${fileName}" ran out of memory. Try a shorter window in the settings, or close other tabs. The text so far is kept.`;
  }
  return `Transcribing "${fileName}" failed: ${detail}. The text so far is kept.`;
}

/** Errors that already speak to the user (bad audio, a microphone problem) are shown as they are; anything else gets wrapped. */
export function describeJobFailure(fileName: string, error: unknown): string {
  if (error instanceof EngineDiedError) {
    return `Transcribing "${fileName}" stopped: ${error.message} The text so far is kept, and a fresh engine takes the next file; a shorter window (Settings) needs less memory.`;
  }
  const speaksToUser = error instanceof UserFacingError || (error instanceof Error && error.name === 'AudioInputError');
  return speaksToUser ? error.message : describeTranscriptionError(fileName, error);
}

/** A job whose engine died a second time at the same committed position: resuming it again would only repeat that. */
export function describeRepeatedEngineDeath(fileName: string, committedSeconds: number): string {
  const at = formatDuration(committedSeconds);
  return (
    `Transcribing "${fileName}" stopped at ${at} again: the engine died twice on the window after ${at} (most likely it ran out of memory there), ` +
    `so it is not offered to resume. The text up to ${at} is kept. Choose the Low memory budget under Settings (shorter windows), ` +
    `close other tabs, and transcribe the file again.`
  );
}
