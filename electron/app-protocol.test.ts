// The app:// handler serves dist/renderer and nothing else, whatever the URL tries (attack tests), and only the
// app's own origin counts as the app's page.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppUrl, rendererFile } from './app-protocol';

let base = '';
let root = '';
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'twinbench-app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Twinbench</title>');
  writeFileSync(path.join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secrets.json'), '{"password":"hunter2"}');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'a sibling folder sharing the prefix');
  symlinkSync(path.join(base, 'secrets.json'), path.join(root, 'assets', 'link.json'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> => appProtocolHandler(root)(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the page and its assets with the CSP and a content type', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Twinbench</title>');
    expect((await get('app://twinbench/')).status).toBe(200);
    const script = await get('app://twinbench/assets/main-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it.each([
    'app://twinbench/../secrets.json',
    'app://twinbench/%2e%2e/secrets.json',
    'app://twinbench/%2e%2e%2fsecrets.json',
    'app://twinbench/assets/..%2f..%2fsecrets.json',
    'app://twinbench/..%5csecrets.json',
    'app://twinbench/%2fetc%2fpasswd',
    'app://twinbench//etc/passwd',
    'app://twinbench/index.html%00.js',
    'app://twinbench/../renderer-evil.txt',
    'app://twinbench/assets/link.json', // a symlink pointing out of the folder
    'app://twinbench/assets', // a folder, not a file
    'app://twinbench/missing.js',
    'app://twinbench/%E0%A4%A', // malformed percent-encoding
    'app://elsewhere/index.html', // another host of the scheme
  ])('refuses %s with a 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('hunter2');
  });

  it('refuses what is not a GET or HEAD, and a folder that does not exist', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    expect((await get(APP_INDEX_URL, 'HEAD')).status).toBe(200);
    expect(await rendererFile(path.join(base, 'nope'), APP_INDEX_URL)).toBeUndefined();
    expect(await rendererFile(root, 'file:///etc/passwd')).toBeUndefined();
  });

  it('counts only app://twinbench as the app page', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://twinbench/assets/x.js')).toBe(true);
    for (const url of ['file:///work/dist/renderer/index.html', 'https://twinbench/', 'app://twinbench.evil.example/', 'app://evil/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('registers the scheme as standard and secure (an origin of its own, like https)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });
});
