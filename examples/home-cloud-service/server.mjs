#!/usr/bin/env node
// "Acme Home Cloud": a small stand-alone home cloud with its own REST schema (not Twinbench's), for trying
// Twinbench's external parties against something real. Plain Node, no dependencies, in-memory, loopback only.
//
//   node examples/home-cloud-service/server.mjs --port 8090 [--refuse unlock]
//
// API (JSON in, JSON out; W3C `traceparent` headers are logged so traces can be checked):
//   PUT  /v1/homes/{home}              {webhook, webhook_secret, devices:[{id,type}], vehicles:[{id}]}  link a home → {ok}
//   POST /v1/devices/{id}/actions      {home, action, params}          control a device         → {ok, state}
//   POST /v1/events                    {home, device, event, attributes}  a device event         → {ok, actions}
//   POST /v1/results                   {in_reply_to, ok, ...}          answers to our actions    → {ok}
//   POST /v1/scenes/{name}/activate    {home}     a user runs a scene in the app: commands are pushed to the webhook,
//                                      signed with the secret given at linking (X-Twinbench-Signature: sha256=HMAC)
//   GET  /v1/health, GET /v1/log, GET /
// Its automation: a doorbell press puts the camera picture on every screen and the car, and asks the car's driver
// whether to unlock (the car then sends `unlock` back through this cloud).
import { createServer } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const port = Number(option('port', '8090'));
const refused = new Set(String(option('refuse', '')).split(',').filter(Boolean));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0–65535, got ${option('port')}`);
  process.exit(2);
}

/** Actions each device type accepts, and the state each leaves it in (undefined: state unchanged). */
const ACTIONS = {
  lock: { lock: 'locked', unlock: 'unlocked', get_state: undefined },
  light: { turn_on: 'on', turn_off: 'off', get_state: undefined },
  fan: { turn_on: 'on', turn_off: 'off', set_percentage: 'on', get_state: undefined },
  cover: { open_cover: 'open', close_cover: 'closed', stop_cover: undefined, set_cover_position: undefined, get_state: undefined },
  climate: { turn_on: undefined, turn_off: 'off', set_temperature: undefined, set_hvac_mode: undefined, get_state: undefined },
  screen: { show_pip: undefined, close_pip: undefined, notify: undefined, get_state: undefined },
};
const INITIAL = { lock: 'locked', light: 'off', fan: 'off', cover: 'closed', climate: 'off' };

const homes = new Map(); // home → { webhook, devices: Map<id, {type, state}>, vehicles: [{id}], doorbells }
const log = [];

function record(req, body, status) {
  // The webhook secret is the key to the run's door: the log (served at GET /v1/log) never holds it.
  if (body !== null && typeof body === 'object' && 'webhook_secret' in body) body = { ...body, webhook_secret: '(redacted)' };
  log.push({ at: new Date().toISOString(), method: req.method, path: req.url, traceparent: req.headers.traceparent ?? null, body, status });
  if (log.length > 1000) log.shift();
}

function findDevice(homeId, deviceId) {
  const candidates = homeId ? [homes.get(homeId)].filter(Boolean) : [...homes.values()];
  for (const home of candidates) {
    const device = home.devices.get(deviceId);
    if (device) return device;
  }
  return undefined;
}

function doorbellActions(homeId, home) {
  const number = ++home.doorbells;
  const camera = [...home.devices.entries()].find(([, d]) => d.type === 'camera')?.[0] ?? 'camera';
  const pip = { source: `home/${homeId}/${camera}`, title: 'Visitor at the front door' };
  const actions = [];
  for (const [id, device] of home.devices) if (device.type === 'screen') actions.push({ target: { device: id }, action: 'show_pip', params: pip });
  for (const vehicle of home.vehicles) {
    actions.push({ target: { vehicle: vehicle.id }, action: 'show_pip', params: pip });
    actions.push({ target: { vehicle: vehicle.id }, action: 'prompt', params: { prompt_id: `doorbell:${homeId}:${number}`, title: 'Someone is at the door. Unlock remotely?', expires_after_ms: 30000 } });
  }
  return actions;
}

const SCENES = {
  away: (home) => [...home.devices.entries()].flatMap(([id, d]) => (d.type === 'light' ? [{ device: id, action: 'turn_off' }] : d.type === 'lock' ? [{ device: id, action: 'lock' }] : [])),
  welcome: (home) => [...home.devices.entries()].flatMap(([id, d]) => (d.type === 'light' ? [{ device: id, action: 'turn_on', params: { brightness_pct: 60 } }] : [])),
};

async function route(req, body) {
  const url = new URL(req.url, 'http://localhost');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (req.method === 'GET' && parts.length === 0) return [200, { ok: true, service: 'acme-home-cloud', api: 'v1' }];
  if (req.method === 'GET' && url.pathname === '/v1/health') return [200, { ok: true }];
  if (req.method === 'GET' && url.pathname === '/v1/log') return [200, { entries: log }];
  if (req.method === 'PUT' && parts[0] === 'v1' && parts[1] === 'homes' && parts.length === 3) {
    const devices = new Map();
    for (const d of body?.devices ?? []) devices.set(String(d.id), { type: String(d.type), state: INITIAL[d.type] ?? 'idle' });
    homes.set(parts[2], { webhook: typeof body?.webhook === 'string' ? body.webhook : null, webhookSecret: typeof body?.webhook_secret === 'string' ? body.webhook_secret : null, devices, vehicles: Array.isArray(body?.vehicles) ? body.vehicles : [], doorbells: 0 });
    return [200, { ok: true, devices: devices.size }];
  }
  if (req.method !== 'POST') return [405, { ok: false, error: `${req.method} ${url.pathname} is not part of the API` }];
  if (parts[0] === 'v1' && parts[1] === 'devices' && parts[3] === 'actions' && parts.length === 4) {
    const device = findDevice(body?.home, parts[2]);
    if (!device) return [404, { ok: false, error: `unknown device ${parts[2]}${body?.home ? ` in home ${body.home}` : ''}` }];
    const table = ACTIONS[device.type];
    const action = String(body?.action ?? '');
    if (table && !(action in table)) return [400, { ok: false, error: `a ${device.type} does not support '${action}'` }];
    if (refused.has(action)) return [403, { ok: false, error: `'${action}' is not allowed by this home's policy` }];
    if (table?.[action] !== undefined) device.state = table[action];
    return [200, { ok: true, state: device.state }];
  }
  if (url.pathname === '/v1/events') {
    const home = homes.get(body?.home);
    if (!home) return [404, { ok: false, error: `unknown home ${body?.home}` }];
    const actions = body?.event === 'doorbell_pressed' ? doorbellActions(body.home, home) : [];
    return [200, { ok: true, actions }];
  }
  if (url.pathname === '/v1/results') return [200, { ok: true }];
  if (parts[0] === 'v1' && parts[1] === 'scenes' && parts[3] === 'activate' && parts.length === 4) {
    const home = homes.get(body?.home);
    const scene = SCENES[parts[2]];
    if (!home || !scene) return [404, { ok: false, error: !home ? `unknown home ${body?.home}` : `unknown scene ${parts[2]} (known: ${Object.keys(SCENES).join(', ')})` }];
    if (!home.webhook) return [409, { ok: false, error: `home ${body.home} was linked without a webhook` }];
    const commands = scene(home);
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    const payload = JSON.stringify({ home: body.home, commands });
    const signature = home.webhookSecret ? { 'x-twinbench-signature': `sha256=${createHmac('sha256', home.webhookSecret).update(payload).digest('hex')}` } : {};
    const pushed = await fetch(home.webhook, { method: 'POST', headers: { 'content-type': 'application/json', traceparent, ...signature }, body: payload });
    return [200, { ok: pushed.ok, pushed: commands.length, traceparent, webhookStatus: pushed.status }];
  }
  return [404, { ok: false, error: `${url.pathname} is not part of the API` }];
}

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  let body = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'the body is not JSON' }));
    return;
  }
  let status;
  let answer;
  try {
    [status, answer] = await route(req, body);
  } catch (err) {
    [status, answer] = [500, { ok: false, error: String(err?.message ?? err) }];
  }
  if (!req.url.startsWith('/v1/log')) record(req, body, status);
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`acme-home-cloud listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
