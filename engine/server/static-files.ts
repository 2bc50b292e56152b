// Serves the built renderer (dist/renderer) to the browser: files only from that folder, a strict
// Content-Security-Policy on every page, and a plain page saying what to run when the build is missing.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

/** The renderer loads only its own scripts, styles and images and talks only to this server. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** Powerful browser features the renderer never uses, switched off for it and anything it might embed. */
const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'magnetometer', 'microphone',
  'midi', 'payment', 'publickey-credentials-get', 'serial', 'usb', 'xr-spatial-tracking',
].map((feature) => `${feature}=()`).join(', ');

/**
 * Sent with every answer of the browser-mode server, whatever its status (server.ts sets them before anything
 * else runs): other sites may neither frame, read (Cross-Origin-Resource-Policy) nor share a window with it.
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/** The headers as raw HTTP lines, for answers written straight to a socket (a refused upgrade, a bad request). */
export const SECURITY_HEADER_LINES = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
  }
  const index = path.join(rootDir, 'index.html');
  if (!existsSync(index)) {
    return send(res, 503, 'text/html; charset=utf-8',
      `<!doctype html><title>Twinbench</title><p>The renderer is not built yet (no ${escapeHtml(index)}). Run <code>npm run build</code> or <code>npm start</code>.</p>\n`);
  }
  const file = pathname === '/' ? index : path.resolve(rootDir, `.${pathname}`);
  // Nothing outside the renderer's folder, whatever the URL says.
  if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    size = stat.size;
  } catch {
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    // Hashed asset names can be cached; the page itself must not be, or a rebuild would not show.
    'Cache-Control': file === index ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
