/**
 * The headers that make a page cross-origin isolated (SharedArrayBuffer for WASM threads,
 * performance.measureUserAgentSpecificMemory() for the memory panel). The dev and preview servers
 * send them; on a static host that cannot, the service worker adds them to what it serves.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The same response with the isolation headers set, and each of `defaults` (the security headers)
 * where the response has none: a policy the host sent itself is its operator's, and the service
 * worker must not loosen it. Opaque responses are returned as they are: their headers cannot be
 * read or rewritten (and a page with COEP could not use them anyway).
 */
export function withIsolationHeaders(response: Response, defaults: Readonly<Record<string, string>> = {}): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  for (const [name, value] of Object.entries(defaults)) if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
