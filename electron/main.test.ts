// The desktop shell, bundled the way `npm run build` bundles it but with a stand-in for Electron (its binary is
// not installed here): the window is locked down, the page comes from dist/renderer through app://twinbench, every
// protocol command has an IPC handler that reaches the in-process engine, and only the app's page may use them.
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_INDEX_URL } from './app-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { COMMAND_CHANNELS } from '../protocol';
import { SETTINGS_CHANNELS } from '../protocol/settings';
import type { ElectronStubRecord } from './test-support/electron-stub';

const ROOT = path.resolve(import.meta.dirname, '..');
let stub: ElectronStubRecord;

beforeAll(async () => {
  // Same depth as dist/electron, so the shell finds dist/renderer and scenarios/ as it will in the app.
  const outfile = path.join(ROOT, 'dist/electron-smoke/main.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'electron/main.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error',
    alias: { electron: path.join(ROOT, 'electron/test-support/electron-stub.ts') },
  });
  await import(pathToFileURL(outfile).href);
  await new Promise((r) => setTimeout(r, 0)); // app.whenReady().then(…)
  stub = (globalThis as Record<string, unknown>).__electronStub as ElectronStubRecord;
}, 60_000);

// Closing the last window disposes the engine (and its timers).
afterAll(() => stub.appListeners.get('window-all-closed')?.forEach((fn) => fn()));

describe('electron/main.ts', () => {
  it('opens one locked-down window on the built renderer', () => {
    expect(stub.windows).toHaveLength(1);
    const prefs = stub.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/dist\/electron-smoke\/preload\.cjs$/);
    // Its own origin, not file:// (which would make every local file same-origin with the page).
    expect(stub.windows[0]!.loaded).toBe(APP_INDEX_URL);
    expect(stub.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(stub.protocols.has('app')).toBe(true);
    let headers: Record<string, string[]> = {};
    stub.csp!({ responseHeaders: {} } as never, ((r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders)) as never);
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    let granted: boolean | undefined;
    stub.permissions!(undefined as never, 'media' as never, ((ok: boolean) => (granted = ok)) as never);
    expect(granted).toBe(false);
    expect(stub.permissionChecks!(undefined as never, 'clipboard-read' as never, APP_INDEX_URL as never)).toBe(false);
  });

  it('serves only dist/renderer on app://', async () => {
    const handler = stub.protocols.get('app')! as unknown as (r: Request) => Promise<Response>;
    expect((await handler(new Request('app://twinbench/../package.json'))).status).toBe(404);
    expect((await handler(new Request('app://twinbench/%2e%2e/package.json'))).status).toBe(404);
  });

  it('answers every protocol command over IPC from the app page, and only from it', async () => {
    expect([...stub.handlers.keys()].sort()).toEqual([...Object.values(COMMAND_CHANNELS), ...Object.values(SETTINGS_CHANNELS)].sort());
    const handler = stub.handlers.get(COMMAND_CHANNELS.listScenarios)!;
    const page = { senderFrame: { url: APP_INDEX_URL } };
    const list = (await handler(page as never, undefined as never)) as { file: string }[];
    expect(list.map((s) => s.file)).toContain('scenarios/doorbell.yaml');
    expect(() => handler({ senderFrame: { url: 'https://evil.example/' } } as never, undefined as never)).toThrow(/only the Twinbench window/);
    // The page as file:// is no longer the app: a local HTML file opened somehow cannot drive the engine.
    expect(() => handler({ senderFrame: { url: pathToFileURL(path.join(ROOT, 'dist/renderer/index.html')).href } } as never, undefined as never)).toThrow(/only the Twinbench window/);
    const loaded = await stub.handlers.get(COMMAND_CHANNELS.loadScenario)!(page as never, { file: 'scenarios/doorbell.yaml', architecture: 'direct' } as never);
    expect(loaded).toMatchObject({ scenario: 'doorbell' });
    expect(stub.windows[0]!.sent.map(([channel]) => channel)).toContain('twinbench:onRunState');
  });

  it('keeps the page from navigating away or opening windows; links go to the system browser', () => {
    const handlers = new Map<string, (...args: never[]) => unknown>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = { on: (e: string, fn: (...args: never[]) => unknown) => void handlers.set(e, fn), setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn) };
    for (const fn of stub.appListeners.get('web-contents-created') ?? []) fn({} as never, contents as never);
    let prevented = false;
    handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) } as never, 'https://evil.example/' as never);
    expect(prevented).toBe(true);
    let framePrevented = false;
    handlers.get('will-frame-navigate')!({ url: 'https://evil.example/', preventDefault: () => (framePrevented = true) } as never);
    expect(framePrevented).toBe(true);
    expect(openHandler!({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    expect(stub.opened).toEqual(['https://github.com/']);
  });

  it('keeps a broker password encrypted under userData and never gives it back to the page', async () => {
    const page = { senderFrame: { url: APP_INDEX_URL } };
    const call = (name: keyof typeof SETTINGS_CHANNELS, request: unknown): unknown => stub.handlers.get(SETTINGS_CHANNELS[name])!(page as never, request as never);
    const secret = 'hunter2-broker-Pa55';
    const stored = call('setSecret', { kind: 'broker-password', name: 'home-cloud-broker', value: secret });
    expect(stored).toEqual({ kind: 'broker-password', name: 'home-cloud-broker', stored: true });
    expect(JSON.stringify(call('hasSecret', { kind: 'broker-password', name: 'home-cloud-broker' }))).not.toContain(secret);
    const onDisk = readFileSync(path.join(stub.userData, 'secrets.json'), 'utf8');
    expect(onDisk).toContain('broker-password:home-cloud-broker');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).not.toContain(Buffer.from(secret).toString('base64'));
    expect(() => stub.handlers.get(SETTINGS_CHANNELS.hasSecret)!({ senderFrame: { url: 'https://evil.example/' } } as never, { kind: 'broker-password', name: 'x' } as never))
      .toThrow(/only the Twinbench window/);
  });
});
