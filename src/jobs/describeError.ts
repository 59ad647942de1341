import { EngineDiedError } from '../engine/engineDied.ts';
import { errorText, UserFacingError } from '../shared/errorText.ts';

/** Turns an engine or model-loading failure into a sentence a user can act on. */
export function describeModelLoadError(model: string, error: unknown, online: boolean): string {
  const detail = errorText(error);
  if (!online || /Failed to fetch|NetworkError|network/i.test(detail)) {
    return `Could not load the model "${model}": the network is unreachable and the model is not cached on this device. It needs one online visit to be downloaded and cached (or self-host it with MODELS_DIR and use ?model=/models/<name>).`;
  }
  if (/404|not found|Could not locate file/i.test(detail)) {
    return `Could not load the model "${model}": its files were not found. Check the Hub id (owner/name) or the URL; the folder needs config.json, tokenizer.json, preprocessor_config.json and onnx/model*.onnx.`;
  }
  if (/memory|OOM|allocation/i.test(detail)) {
    return `Could not load the model "${model}": the browser ran out of memory. Close other tabs, or choose a smaller or quantized model (dtype q8).`;
  }
  return `Could not load the model "${model}": ${detail}`;
}

export function describeTranscriptionError(fileName: string, error: unknown): string {
  const detail = errorText(error);
  if (/memory|OOM|allocation/i.test(detail)) {
    return `Transcribing "${fileName}" ran out of memory. Try a shorter window in the settings, or close other tabs. The text so far is kept.`;
  }
  return `Transcribing "${fileName}" failed: ${detail}. The text so far is kept.`;
}

/** Errors that already speak to the user (bad audio, a microphone problem) are shown as they are; anything else gets wrapped. */
export function describeJobFailure(fileName: string, error: unknown): string {
  if (error instanceof EngineDiedError) {
    return `Transcribing "${fileName}" stopped: ${error.message} The text so far is kept, and a fresh engine takes the next file; a shorter window (Settings) needs less memory.`;
  }
  return error instanceof UserFacingError ? error.message : describeTranscriptionError(fileName, error);
}
