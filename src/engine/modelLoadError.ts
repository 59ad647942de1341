/**
 * Why a model cannot be loaded, as the engine worker reports it to the page. An error crosses
 * Comlink as its name and message only, so the reason travels as the error's name.
 */
export const MODEL_LOAD_FAILURES = [
  /** A file of the model is absent (404) or refused (401/403). */
  'ModelFileMissingError',
  /** config.json is not JSON: the address is a web page or some other file, not a model folder. */
  'ModelNotAFolderError',
  /** A file is there but damaged: an ONNX graph that cannot be parsed, a tokenizer that is not JSON. */
  'ModelFileCorruptError',
  /** The model is intact but cannot work here: not CTC, not 16 kHz, no blank, a config that disagrees with the graph. */
  'UnsupportedModelError',
  /** A request got no answer at all: offline, host down, or the request was blocked. */
  'ModelHostUnreachableError',
  /** ONNX Runtime's own WebAssembly files did not load from the app. */
  'RuntimeUnavailableError',
] as const;

export type ModelLoadFailure = (typeof MODEL_LOAD_FAILURES)[number];

export class ModelLoadError extends Error {
  constructor(name: ModelLoadFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** The failure an error stands for, from its name (as it arrives from the worker), or null. */
export function modelLoadFailure(error: unknown): ModelLoadFailure | null {
  const name = error instanceof Error ? error.name : null;
  return MODEL_LOAD_FAILURES.find((failure) => failure === name) ?? null;
}
