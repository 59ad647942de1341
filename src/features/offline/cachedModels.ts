/**
 * Groups the entries of transformers.js's model cache (Cache Storage, keyed by each file's URL)
 * into models, the unit a user recognises and deletes.
 */

export interface CachedFile {
  readonly url: string;
  /** From the entry's Content-Length header (transformers.js sets it); null when absent. */
  readonly bytes: number | null;
}

export interface CachedModel {
  /** How the user names the model in ?model=: a Hub id, a same-origin path, or a URL. */
  readonly label: string;
  readonly urls: readonly string[];
  /** Sum of the known file sizes. */
  readonly bytes: number;
  /** Files whose size is unknown (no Content-Length). */
  readonly unsized: number;
  /**
   * Whether it holds ONNX weights: a model without them cannot load offline (its download was cut
   * short, or storage ran out while it was cached).
   */
  readonly complete: boolean;
}

// https://huggingface.co/<owner>/<name>/resolve/<revision>/<file>
const HUB_FILE = /^https:\/\/huggingface\.co\/([^/]+\/[^/]+)\/resolve\/([^/]+)\//;
// transformers.js keeps the ONNX weights in this subfolder of the model folder.
const WEIGHTS_SUBFOLDER = '/onnx/';

/** The model a cached file belongs to, named as the user would type it on a page of `pageOrigin`. */
export function modelLabelOf(fileUrl: string, pageOrigin: string): string {
  const hub = HUB_FILE.exec(fileUrl);
  if (hub) {
    const revision = decodeURIComponent(hub[2]);
    return revision === 'main' ? hub[1] : `${hub[1]}@${revision}`;
  }
  const url = new URL(fileUrl);
  const weights = url.pathname.lastIndexOf(WEIGHTS_SUBFOLDER);
  const folder = weights >= 0 ? url.pathname.slice(0, weights) : url.pathname.slice(0, url.pathname.lastIndexOf('/'));
  return url.origin === pageOrigin ? folder : `${url.origin}${folder}`;
}

/** Cached files grouped by model, largest first. */
export function groupCachedModels(files: readonly CachedFile[], pageOrigin: string): CachedModel[] {
  const models = new Map<string, { urls: string[]; bytes: number; unsized: number; complete: boolean }>();
  for (const file of files) {
    const label = modelLabelOf(file.url, pageOrigin);
    const model = models.get(label) ?? { urls: [], bytes: 0, unsized: 0, complete: false };
    model.urls.push(file.url);
    if (isWeightsFile(file.url)) model.complete = true;
    if (file.bytes === null) model.unsized++;
    else model.bytes += file.bytes;
    models.set(label, model);
  }
  return [...models]
    .map(([label, m]) => ({ label, urls: m.urls, bytes: m.bytes, unsized: m.unsized, complete: m.complete }))
    .sort((a, b) => b.bytes - a.bytes || a.label.localeCompare(b.label));
}

function isWeightsFile(fileUrl: string): boolean {
  const { pathname } = new URL(fileUrl);
  return pathname.includes(WEIGHTS_SUBFOLDER) && pathname.endsWith('.onnx');
}

/** The label of the model a load resolved to (EngineInfo.model: a Hub id, or the folder's absolute URL). */
export function loadedModelLabel(model: string, pageOrigin: string): string {
  return /^https?:\/\//.test(model) ? modelLabelOf(`${model.replace(/\/+$/, '')}/config.json`, pageOrigin) : model;
}

/** A Content-Length header as a byte count, or null. */
export function contentLength(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}
