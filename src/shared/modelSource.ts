export const DEFAULT_MODEL = 'Xenova/wav2vec2-base-960h';

/**
 * Where transformers.js should load a model from. A Hub id ("owner/name") comes from the
 * Hugging Face Hub; anything else is a URL (absolute, or relative to the page) of a folder in
 * the transformers.js layout, loaded as a "local" model from its parent folder.
 */
export type ModelSource =
  | { readonly kind: 'hub'; readonly id: string }
  | { readonly kind: 'url'; readonly baseUrl: string; readonly name: string; readonly href: string };

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export function resolveModelSource(input: string, pageUrl: string): ModelSource {
  const trimmed = input.trim();
  if (trimmed === '') throw new Error('Enter a model: a Hugging Face Hub id such as Xenova/wav2vec2-base-960h, or a URL.');
  if (HUB_ID.test(trimmed) && !trimmed.startsWith('.')) return { kind: 'hub', id: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed, pageUrl);
  } catch {
    throw new Error(`"${trimmed}" is neither a Hub id (owner/name) nor a URL.`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  if (name === '') throw new Error(`"${trimmed}" does not name a model folder.`);
  return { kind: 'url', baseUrl: `${url.origin}${path.slice(0, slash + 1)}`, name, href: `${url.origin}${path}` };
}

export function describeModelSource(source: ModelSource): string {
  return source.kind === 'hub' ? source.id : source.href;
}
