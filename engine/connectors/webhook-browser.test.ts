// The webhook attack in a real browser (issue #16, H2): a page served from another origin on this machine (the
// same site, 127.0.0.1, another port — as close as a page can get) tries to unlock the door through the run's
// webhook. With `mode: 'no-cors'` it can only send text/plain and no Authorization: refused as cross-origin. With
// CORS it may ask for the headers it needs, even the right secret, but the preflight is refused, so the request is
// never sent. Debian's Chromium, as in the e2e tests.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homePayload } from '../../twins/sim/ecosystem-codec';
import { attachConnectors } from './index';
import { LOCK, doorbellWorld, eventsOf } from './test-support/doorbell-world';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser | undefined;
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

const UNLOCK = JSON.stringify({
  messages: [{ destination: LOCK, topic: 'lock/unlock', kind: 'command', payload: homePayload({ capability: 'lock', name: 'unlock', deviceId: 'lock.front_door', attributes: {} }, 'command') }],
});

describe.skipIf(!existsSync(CHROMIUM))('a page on another origin against the webhook (Chromium)', () => {
  it('cannot unlock the door: no-cors is refused as cross-origin, and CORS never gets past the preflight', async () => {
    const party = await serve((req, res) => (req.resume(), req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))));
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: party } } });
    try {
      const { inboundUrl, inboundSecret } = connectors.externals[0]!;
      const evil = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>cat pictures</title>'));
      const page = await browser!.newPage();
      await page.goto(evil);
      const outcome = await page.evaluate(async ({ url, body, secret }) => {
        const noCors = await fetch(url, { method: 'POST', mode: 'no-cors', body }).then((r) => r.type, (e: Error) => `error: ${e.message}`);
        // Even a page that somehow knew the secret: the preflight (OPTIONS) is not answered with CORS headers.
        const cors = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body })
          .then((r) => `status ${r.status}`, (e: Error) => `error: ${e.message}`);
        return { noCors, cors };
      }, { url: inboundUrl!, body: UNLOCK, secret: inboundSecret! });
      await page.close();
      expect(outcome.noCors).toBe('opaque'); // the page learns nothing; the request did reach the server …
      expect(outcome.cors).toMatch(/^error: /); // … and the CORS one never left the browser
      await connectors.runUntil(5_000);
      expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
      const refused = eventsOf(sim, 'security.refused').map((e) => e.data);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ via: 'webhook', reason: 'cross-origin' });
      expect(String(refused[0]!.detail)).toContain(`a page from ${evil}`);
      expect(connectors.stats().externals[0]).toMatchObject({ inbound: 0 });
    } finally {
      await connectors.close();
    }
  }, 30_000);
});
