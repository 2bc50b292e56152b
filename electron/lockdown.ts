// What the desktop shell refuses, in one place so it can be tested without Electron (main.ts hands in the real
// session and web contents). The page is a local tool: it needs no permission, no navigation, no popups, no
// webviews, and no content other than its own.
// - Permissions: both the request handler (a page asking, e.g. getUserMedia) and the check handler (a page or
//   Chromium querying, e.g. navigator.permissions.query, or the clipboard) answer "no". Without a check handler,
//   Electron answers checks with "granted".
// - Navigation: the top frame (`will-navigate`), any frame including iframes (`will-frame-navigate`) and server
//   redirects (`will-redirect`) may go only to the app's own origin. `<webview>` is never attached.
// - New windows: always denied; an http(s) link opens in the user's browser instead, anything else is dropped.

/** A cancellable Electron event; `will-frame-navigate` puts the URL on the event itself. */
export interface NavigationEvent {
  preventDefault(): void;
  url?: string;
}

export interface SessionLike {
  webRequest: { onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[] | string> }, callback: (response: { responseHeaders: Record<string, string[] | string> }) => void) => void): void };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details?: unknown) => boolean): void;
}

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface LockdownOptions {
  /** True for a URL of the app's own page. */
  isAppPage(url: string): boolean;
  /** Open a URL in the user's browser (shell.openExternal). */
  openExternal(url: string): void;
  contentSecurityPolicy: string;
}

/** The session every window uses: the app's CSP on every response, and no permission granted, asked or checked. */
export function lockDownSession(session: SessionLike, options: Pick<LockdownOptions, 'contentSecurityPolicy'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [options.contentSecurityPolicy] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Every web contents the app creates (windows, and any frame's contents). */
export function lockDownContents(contents: WebContentsLike, options: Pick<LockdownOptions, 'isAppPage' | 'openExternal'>): void {
  const stayHome = (event: NavigationEvent, url: string | undefined): void => {
    if (url === undefined || !options.isAppPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => stayHome(event, url));
  contents.on('will-redirect', (event, url) => stayHome(event, url));
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}

/** Only plain http(s) links leave for the system browser: never file:, javascript:, a custom scheme … */
function isWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
