// A small smart-charging CSMS for the tests: ocpp-rpc's RPCServer in strict mode on 127.0.0.1, port 0. It answers
// what a charge point sends (boot answers scripted: Pending or Rejected first if asked), and divides the site's
// limit among the charge points with a running transaction that still draw power — 0 in the tariff peak, then the
// site limit minus the forecast base load — as Absolute charging profiles in watts: a TxDefaultProfile for the
// whole station with its first status after boot, and a TxProfile per transaction whenever the set of charging
// cars changes.
// It sends its profiles either before answering the message that prompted them or just after (`reply`).
import { RPCServer, type RPCClient } from 'ocpp-rpc';
import type { AddressInfo } from 'node:net';

type Version = '1.6' | '2.0.1';
type Params = Record<string, unknown>;

export interface SmartCsmsOptions {
  version?: Version;
  /** Boot answers in order; the last repeats (default: Accepted). */
  boot?: ('Accepted' | 'Pending' | 'Rejected')[];
  bootIntervalS?: number;
  /** Smart charging; without it the CSMS only answers. */
  site?: { limitKw: number; peak: [number, number]; baseLoadKw: (hourOfDay: number) => number };
  /** Send profiles before answering the prompting message (default) or just after. */
  reply?: 'before' | 'after';
  /** SetChargingProfile params to send in reply to an accepted BootNotification. */
  onBoot?: Params;
  /** Security profile 1: the basic-auth password every charge point must present (user = its identity). */
  password?: string;
  /** Actions the CSMS never answers (the charge point's call must time out). */
  silentOn?: string[];
}

export interface ReceivedCall {
  identity: string;
  method: string;
  params: Params;
}

interface Station {
  client: RPCClient;
  boots: number;
  /** Whether it got its TxDefaultProfile (sent with the first status after boot: 1.6 boots carry no time). */
  defaulted: boolean;
  tx: string | undefined;
  /** A car that no longer draws power (full). */
  idle: boolean;
}

export interface SmartCsms {
  url: string;
  received: ReceivedCall[];
  /** Every raw frame the charge points sent, as text (CALLERRORs to raw CALLs show only here). */
  frames: string[];
  /** Identities connected so far. */
  identities(): string[];
  call(identity: string, method: string, params: Params): Promise<unknown>;
  sendRaw(identity: string, message: unknown): void;
  /** Profiles the CSMS set, as it sent them, with the answers. */
  profilesSent: { identity: string; params: Params; result: unknown }[];
  close(): Promise<void>;
}

const HOUR_S = 3600;

export async function startSmartCsms(options: SmartCsmsOptions = {}): Promise<SmartCsms> {
  const version = options.version ?? '1.6';
  const server = new RPCServer({ protocols: [version === '1.6' ? 'ocpp1.6' : 'ocpp2.0.1'], strictMode: true });
  if (options.password !== undefined) {
    server.auth((accept, reject, handshake) => {
      if (handshake.password?.toString('utf8') === options.password) accept();
      else reject(401, 'bad credentials');
    });
  }
  const stations = new Map<string, Station>();
  const received: ReceivedCall[] = [];
  const frames: string[] = [];
  const profilesSent: SmartCsms['profilesSent'] = [];
  let cpNow = 0;
  let nextTx = 1;
  let nextProfile = 100;

  /** Watts per charging car from `from` (ms), hour by hour for a day: an Absolute schedule. */
  const schedule = (from: number, cars: number): Params => {
    const site = options.site!;
    const periods: Params[] = [];
    const firstHour = Math.ceil(from / (HOUR_S * 1000)) * HOUR_S * 1000;
    const bounds = [from, ...Array.from({ length: 24 }, (_, i) => firstHour + i * HOUR_S * 1000)].filter((t, i, all) => i === 0 || t > all[0]!);
    const [start, end] = site.peak;
    const inPeak = (hour: number): boolean => (start <= end ? hour >= start && hour < end : hour >= start || hour < end);
    for (const t of bounds) {
      const hour = new Date(t).getUTCHours();
      // Plan each hour against its own base load and the next hour's: a step up at the boundary is then covered.
      const next = (hour + 1) % 24;
      const base = Math.max(site.baseLoadKw(hour), site.baseLoadKw(next));
      const kw = inPeak(hour) ? 0 : Math.max(0, site.limitKw - base) / Math.max(1, cars);
      periods.push({ startPeriod: Math.round((t - from) / 1000), limit: Math.floor(kw * 1000) });
    }
    return { startSchedule: new Date(from).toISOString(), chargingRateUnit: 'W', chargingSchedulePeriod: periods };
  };

  const send = async (identity: string, params: Params): Promise<void> => {
    const result = await stations.get(identity)?.client.call('SetChargingProfile', params).catch((err: Error) => ({ error: err.message }));
    profilesSent.push({ identity, params, result });
  };

  const setProfile = async (identity: string, purpose: 'TxDefaultProfile' | 'TxProfile', tx: string | undefined, cars: number): Promise<void> => {
    const sched = schedule(cpNow, cars);
    const id = nextProfile++;
    const params: Params = version === '1.6'
      ? { connectorId: purpose === 'TxProfile' ? 1 : 0, csChargingProfiles: { chargingProfileId: id, stackLevel: purpose === 'TxProfile' ? 1 : 0, chargingProfilePurpose: purpose, chargingProfileKind: 'Absolute', ...(tx ? { transactionId: Number(tx) } : {}), chargingSchedule: sched } }
      : { evseId: purpose === 'TxProfile' ? 1 : 0, chargingProfile: { id, stackLevel: purpose === 'TxProfile' ? 1 : 0, chargingProfilePurpose: purpose, chargingProfileKind: 'Absolute', ...(tx ? { transactionId: tx } : {}), chargingSchedule: [{ id: 1, ...sched }] } };
    await send(identity, params);
  };

  /** Share the site among the cars that draw power; every one of them gets its new share. */
  const redistribute = async (): Promise<void> => {
    if (options.site === undefined) return;
    const charging = [...stations.entries()].filter(([, s]) => s.tx !== undefined && !s.idle);
    await Promise.all(charging.map(([identity, s]) => setProfile(identity, 'TxProfile', s.tx, charging.length)));
  };

  const react = async (work: () => Promise<void>): Promise<void> => {
    if ((options.reply ?? 'before') === 'before') await work();
    else setImmediate(() => void work());
  };

  const seeTime = (params: Params): void => {
    const ts = typeof params.timestamp === 'string' ? Date.parse(params.timestamp) : Number.NaN;
    if (Number.isFinite(ts)) cpNow = Math.max(cpNow, ts);
  };

  server.on('client', (client: RPCClient) => {
    const identity = client.identity ?? '';
    const station: Station = { client, boots: 0, defaulted: false, tx: undefined, idle: false };
    client.on('message', ({ message, outbound }: { message: Buffer | string; outbound: boolean }) => {
      if (!outbound) frames.push(message.toString());
    });
    stations.set(identity, station);
    client.handle(async ({ method, params }: { method?: string; params?: Params }) => {
      const p = (params ?? {}) as Params;
      received.push({ identity, method: method ?? '', params: p });
      seeTime(p);
      if (options.silentOn?.includes(method ?? '')) return new Promise<never>(() => undefined);
      const now = new Date(cpNow || Date.now()).toISOString();
      switch (method) {
        case 'BootNotification': {
          const answers = options.boot ?? ['Accepted'];
          const status = answers[Math.min(station.boots++, answers.length - 1)]!;
          if (status === 'Accepted' && options.onBoot) await react(() => send(identity, options.onBoot!));
          return { status, currentTime: now, interval: options.bootIntervalS ?? 300 };
        }
        case 'Heartbeat':
          return { currentTime: now };
        case 'Authorize':
          return version === '1.6' ? { idTagInfo: { status: 'Accepted' } } : { idTokenInfo: { status: 'Accepted' } };
        case 'StartTransaction': {
          station.tx = String(nextTx++);
          station.idle = false;
          await react(redistribute);
          return { transactionId: Number(station.tx), idTagInfo: { status: 'Accepted' } };
        }
        case 'StopTransaction':
          station.tx = undefined;
          await react(redistribute);
          return {};
        case 'TransactionEvent': {
          const info = (p.transactionInfo ?? {}) as Params;
          if (p.eventType === 'Started') station.tx = String(info.transactionId);
          if (p.eventType === 'Ended') station.tx = undefined;
          const idle = info.chargingState === 'SuspendedEV';
          const changed = p.eventType !== 'Updated' || idle !== station.idle;
          station.idle = idle;
          if (changed) await react(redistribute);
          return {};
        }
        case 'StatusNotification': {
          if (!station.defaulted && options.site) {
            station.defaulted = true;
            await react(() => setProfile(identity, 'TxDefaultProfile', undefined, Math.max(1, stations.size)));
          }
          const idle = p.status === 'SuspendedEV';
          if (idle !== station.idle && version === '1.6') {
            station.idle = idle;
            await react(redistribute);
          }
          return {};
        }
        default:
          return {};
      }
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    received,
    frames,
    profilesSent,
    identities: () => [...stations.keys()],
    call: (identity, method, params) => {
      const station = stations.get(identity);
      if (station === undefined) return Promise.reject(new Error(`${identity} is not connected`));
      return station.client.call(method, params);
    },
    sendRaw: (identity, message) => stations.get(identity)?.client.sendRaw(JSON.stringify(message)),
    close: () => server.close({ force: true }).then(() => undefined),
  };
}
