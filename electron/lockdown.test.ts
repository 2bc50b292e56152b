// The shell's refusals, on stand-ins for Electron's session and web contents: no permission requested or checked,
// no navigation of any frame away from the app, no redirects out, no webviews, no windows.
import { describe, expect, it } from 'vitest';
import { lockDownContents, lockDownSession, type NavigationEvent, type SessionLike, type WebContentsLike } from './lockdown';

type Fn = (...args: never[]) => unknown;

function fakeSession(): { session: SessionLike; handlers: Record<string, Fn> } {
  const handlers: Record<string, Fn> = {};
  return {
    handlers,
    session: {
      webRequest: { onHeadersReceived: (fn) => void (handlers.headers = fn as Fn) },
      setPermissionRequestHandler: (fn) => void (handlers.request = fn as Fn),
      setPermissionCheckHandler: (fn) => void (handlers.check = fn as Fn),
    },
  };
}

function fakeContents(): { contents: WebContentsLike; on: Map<string, Fn>; open: () => ((d: { url: string }) => { action: string }) } {
  const on = new Map<string, Fn>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, fn: Fn) => void on.set(event, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: 'deny' }) => void (openHandler = fn),
  } as unknown as WebContentsLike;
  return { contents, on, open: () => openHandler! };
}

const isAppPage = (url: string): boolean => url.startsWith('app://twinbench/');

function navigation(url?: string): NavigationEvent & { prevented: boolean } {
  const event = { prevented: false, ...(url !== undefined ? { url } : {}), preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('lockDownSession', () => {
  it('denies every permission request and every permission check, and sets the CSP on every response', () => {
    const { session, handlers } = fakeSession();
    lockDownSession(session, { contentSecurityPolicy: "default-src 'self'" });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'midi', 'hid', 'serial', 'usb']) {
      let granted: boolean | undefined;
      (handlers.request as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(undefined, permission, (ok) => (granted = ok));
      expect(granted, permission).toBe(false);
      expect((handlers.check as (wc: unknown, p: string, origin: string) => boolean)(undefined, permission, 'app://twinbench'), permission).toBe(false);
    }
    let headers: Record<string, unknown> = {};
    (handlers.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, unknown> }) => void) => void)({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
});

describe('lockDownContents', () => {
  const setup = (): ReturnType<typeof fakeContents> & { opened: string[] } => {
    const fake = fakeContents();
    const opened: string[] = [];
    lockDownContents(fake.contents, { isAppPage, openExternal: (url) => void opened.push(url) });
    return { ...fake, opened };
  };

  it('lets the top frame and any frame navigate only within the app, and blocks redirects out', () => {
    const { on } = setup();
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      const away = navigation();
      (on.get(event) as (e: NavigationEvent, url: string) => void)(away, 'https://evil.example/');
      expect(away.prevented, event).toBe(true);
      const home = navigation();
      (on.get(event) as (e: NavigationEvent, url: string) => void)(home, 'app://twinbench/index.html');
      expect(home.prevented, event).toBe(false);
    }
    const frame = on.get('will-frame-navigate') as (e: NavigationEvent) => void;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'app://evil/']) {
      const e = navigation(url);
      frame(e);
      expect(e.prevented, url).toBe(true);
    }
    const noUrl = navigation();
    frame(noUrl);
    expect(noUrl.prevented).toBe(true); // nothing to check: refused
    const inside = navigation('app://twinbench/index.html#runs');
    frame(inside);
    expect(inside.prevented).toBe(false);
  });

  it('never attaches a webview', () => {
    const { on } = setup();
    const e = navigation();
    (on.get('will-attach-webview') as (e: NavigationEvent) => void)(e);
    expect(e.prevented).toBe(true);
  });

  it('denies every new window; only plain http(s) links go to the system browser', () => {
    const { open, opened } = setup();
    for (const url of ['https://github.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com/', 'not a url', 'app://twinbench/index.html']) {
      expect(open()({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://github.com/', 'http://127.0.0.1:8080/']);
  });
});
