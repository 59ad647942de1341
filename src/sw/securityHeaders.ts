/**
 * The Content Security Policy and companion headers of the app. The dev and preview servers send
 * them (vite.config.ts); on a static host that sends none, the service worker adds them to what
 * it serves (sw.ts). What the policy must let through:
 * - scripts and workers (the engine worker, ONNX Runtime's threads, the AudioWorklet module) come
 *   from the app's own origin, and WebAssembly needs 'wasm-unsafe-eval' to compile;
 * - fetches go to the app's origin (its assets, /models/ of MODELS_DIR) and the model host only;
 * - media plays from blob: object URLs (a chosen file, a recording); downloads are blob: links,
 *   which are navigations, not fetches, so no directive governs them;
 * - React sets style properties through the CSSOM, which style-src does not restrict, so the app
 *   needs no inline styles.
 */

/**
 * The Hugging Face Hub and the hosts its `/resolve/` URLs redirect model files to (a CSP applies
 * to every redirect target): the CDN edges and regional LFS hosts that Hugging Face lists for
 * downloads behind a firewall, and the Xet bridge that older redirects still name. The Xet
 * protocol hosts (cas-server, transfer) are left out: a browser only follows HTTP redirects.
 */
export const HUB_ORIGINS: readonly string[] = [
  'https://huggingface.co',
  'https://us.aws.cdn.hf.co',
  'https://us.gcp.cdn.hf.co',
  'https://cdn-lfs-us-1.hf.co',
  'https://cdn-lfs-eu-1.hf.co',
  'https://cas-bridge.xethub.hf.co',
];

/**
 * The origins models may be fetched from besides the app's own, from the build-time setting
 * VITE_MODEL_HOST: unset or `hub` for the Hugging Face Hub, `self` for models served by the app's
 * own origin only (MODELS_DIR, or files deployed beside the app), or the origin of another host.
 */
export function modelOrigins(setting: string | undefined): readonly string[] {
  const value = setting?.trim() ?? '';
  if (value === '' || value === 'hub') return HUB_ORIGINS;
  if (value === 'self') return [];
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Reported below with the accepted forms.
  }
  if (url === null || !['https:', 'http:'].includes(url.protocol) || url.href !== `${url.origin}/`) {
    throw new Error(`VITE_MODEL_HOST="${value}" is not "hub", "self" or an origin such as https://models.example.org`);
  }
  return [url.origin];
}

export interface PolicyOptions {
  readonly modelOrigins: readonly string[];
  /**
   * Set for the Vite dev server only, never for a build: its React Refresh preamble is an inline
   * script, its CSS arrives as inline <style> elements, and HMR talks over a WebSocket to the
   * host the page was requested from (`host`, when the Host header is fit to name).
   */
  readonly devServer?: { readonly host: string | null };
}

export function contentSecurityPolicy({ modelOrigins, devServer }: PolicyOptions): string {
  const dev = devServer !== undefined;
  const webSocket = devServer?.host ? [`ws://${devServer.host}`] : [];
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['worker-src', "'self'"],
    ['connect-src', "'self'", ...modelOrigins, ...webSocket],
    ['img-src', "'self'"],
    ['media-src', "'self'", 'blob:'],
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** The policy plus no MIME sniffing and no Referer sent anywhere (model hosts included). */
export function securityHeaders(options: PolicyOptions): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** The Host header if it is a plain host[:port], fit to name in a policy; null otherwise. */
export function plainHost(host: string | undefined): string | null {
  return host !== undefined && /^([\w.-]+|\[[\da-f:.]+\])(:\d{1,5})?$/i.test(host) ? host : null;
}
