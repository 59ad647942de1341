/**
 * The word as search and alignment compare it: letter case, accents and punctuation ignored, so
 * "Don't," matches DONT and "café" matches CAFE. Punctuation alone gives the empty key.
 */
export function wordKey(text: string): string {
  return text.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}
