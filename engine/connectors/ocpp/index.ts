// `--ocpp <url>`: every wallbox twin of the run becomes an OCPP-J charge point of a real CSMS at `<url>/<wallbox
// id>` (the id is `<homeId>-<entityId>`, e.g. `h1-evse.wallbox`). The bus party `csms` stands for the CSMS: each
// charge point's CALLs are bus messages into it, carried over that charge point's own WebSocket.
import { CSMS } from '../../../twins/bus/addresses';
import type { Simulation } from '../../../twins/sim/simulation';
import { ConnectorError } from '../connector-error';
import type { ConnectorEvents } from '../connector-events';
import type { WireGate } from '../wire-gate';
import { ChargePoint } from './charge-point';
import type { OcppDialect, OcppVersion } from './dialect';
import { ocpp16 } from './ocpp16';
import { ocpp201 } from './ocpp201';
import type { WireStats } from './wire';

export interface OcppOptions {
  /** CSMS base URL (ws:// or wss://). */
  url: string;
  version?: OcppVersion;
  /** Security profile 1 password (HTTP basic auth with the wallbox id as user); from TWINBENCH_OCPP_PASSWORD. */
  password?: string;
  /** Virtual time between MeterValues while charging (default 15 minutes). */
  meterIntervalMs?: number;
  /** Wall time to wait for each CSMS answer (default 5,000 ms). */
  timeoutMs?: number;
  /** Wall time the clock waits after a boot, status or transaction message for CSMS calls in reply (default 50 ms). */
  settleMs?: number;
  /** Wall-clock time of virtual 0 (default: today, UTC, at the scenario's start time of day). */
  epochMs?: number;
}

export interface OcppStats {
  url: string;
  version: OcppVersion;
  chargePoints: WireStats[];
}

export interface OcppHandle {
  chargePoints: readonly ChargePoint[];
  stats(): OcppStats;
  close(): Promise<void>;
}

export const DIALECTS: Record<OcppVersion, OcppDialect> = { '1.6': ocpp16, '2.0.1': ocpp201 };

/** The URL's problem, or undefined when it is a WebSocket URL a charge point can append its id to. */
export function ocppUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; use ws://host:port/path or wss://…`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `"${url}" is not a ws:// or wss:// URL (OCPP-J runs over WebSocket)`;
  if (parsed.search !== '' || parsed.hash !== '') return `"${url}" has a query or fragment; the wallbox id is appended to the path`;
  if (parsed.username !== '' || parsed.password !== '') return `"${url}" carries credentials; give the password in TWINBENCH_OCPP_PASSWORD`;
  return undefined;
}

export async function attachOcpp(sim: Simulation, options: OcppOptions, deps: { gate: WireGate; events: ConnectorEvents }): Promise<OcppHandle> {
  const where = `ocpp ${options.url}`;
  const problem = ocppUrlProblem(options.url);
  if (problem !== undefined) throw new ConnectorError(where, problem);
  const version = options.version ?? '1.6';
  const dialect = DIALECTS[version];
  if (dialect === undefined) throw new ConnectorError(where, `unknown OCPP version '${String(version)}'`, 'Use 1.6 or 2.0.1');
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  const epochMs = options.epochMs ?? midnight.getTime() + (sim.spec.startTimeOfDayMs ?? 0);
  const chargePoints: ChargePoint[] = [];
  for (const home of sim.homes.values()) {
    const car = [...sim.vehicles.values()].find((v) => v.spec.homeId === home.id);
    for (const twin of home.devicesOfType('evse')) {
      const entityId = twin.id.split('/').pop()!;
      chargePoints.push(new ChargePoint(sim, twin, {
        url: options.url, identity: `${home.id}-${entityId}`, dialect, ...(options.password !== undefined ? { password: options.password } : {}),
        timeoutMs: options.timeoutMs ?? 5_000, settleMs: options.settleMs ?? 50, meterIntervalMs: options.meterIntervalMs ?? 15 * 60_000,
        epochMs, idTag: car?.spec.id ?? 'TWINBENCH', gate: deps.gate, events: deps.events,
      }));
    }
  }
  if (chargePoints.length === 0) throw new ConnectorError(where, 'the scenario has no wallbox (evse) to connect', 'Give a home a device of type evse, or devices: standard');
  const close = async (): Promise<void> => {
    await Promise.all(chargePoints.map((cp) => cp.close()));
  };
  try {
    await Promise.all(chargePoints.map((cp) => cp.wire.connect()));
  } catch (err) {
    await close();
    throw err;
  }
  const byAddress = new Map(chargePoints.map((cp) => [cp.address, cp]));
  const restore = sim.bus.externalize(CSMS, {
    carry: (env, _hop, payload, done) => {
      const cp = byAddress.get(env.source);
      if (cp === undefined) return done({ ok: false, latencyMs: 0, error: `${env.source} is no charge point of ${options.url}`, failure: 'no-endpoint' });
      cp.carry(env, payload, done);
    },
    deliver: (env) => byAddress.get(env.source)?.deliver(env),
  });
  deps.events.emit('connector.ocpp', where, { version, chargePoints: chargePoints.map((cp) => cp.wire.stats().identity) });
  for (const cp of chargePoints) cp.start();
  return {
    chargePoints,
    stats: () => ({ url: options.url, version, chargePoints: chargePoints.map((cp) => cp.wire.stats()) }),
    async close() {
      restore();
      await close();
    },
  };
}
