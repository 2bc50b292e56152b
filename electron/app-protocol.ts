// The desktop app's own origin: the page is served as `app://twinbench/…` from dist/renderer, not loaded over
// file://. A file:// page shares its origin with every local file, so any file the page could be made to open
// would be same-origin with it, and 'self' in the Content-Security-Policy would mean the whole disk. A privileged
// standard scheme gives the page an origin of its own, and this handler answers only for files inside
// dist/renderer: anything else — `..`, encoded separators, absolute paths, NUL bytes, another host, a symlink
// pointing out — is a 404. Pure Node (fetch's Request/Response), so it is tested without Electron.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../engine/server/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'twinbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` needs, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: a real origin (relative URLs, 'self' in CSP); secure: like https; fetch for the page's own assets.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
};

/** True for a URL of the app's own page (the only origin allowed to drive the engine or stay in the window). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json', '.wasm': 'application/wasm',
};

const HEADERS = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

const notFound = (): Response => new Response('Not found\n', { status: 404, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The file under `rootDir` a request names, or undefined when it names none. Checked twice: the decoded path must
 * stay inside the folder, and so must the real path once symlinks are followed.
 */
export async function rendererFile(rootDir: string, requestUrl: string): Promise<string | undefined> {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  // A NUL or a backslash has no business in an asset name (a backslash is a separator on Windows).
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const root = await realpath(rootDir).catch(() => undefined);
  if (root === undefined) return undefined;
  const wanted = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const inside = (p: string): boolean => p.startsWith(root + path.sep);
  if (!inside(wanted)) return undefined;
  try {
    const real = await realpath(wanted);
    if (!inside(real) || !(await stat(real)).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** The handler for `protocol.handle('app', …)`: GET of files inside `rootDir`, with the app's CSP. */
export function appProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed\n', { status: 405, headers: HEADERS });
    const file = await rendererFile(rootDir, request.url);
    if (file === undefined) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: { ...HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' } });
  };
}
