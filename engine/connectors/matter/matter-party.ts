// The Matter controller as a bus party. Whoever is paired with a home's Matter bridge (Home Assistant, Apple Home,
// chip-tool, matter.js's own controller) is one named party of that home, `matter-controller`: enrolled like Home
// Assistant (twins/sim/controller-parties.ts) with the non-critical scopes plus those the scenario grants, and its
// critical commands signed under its own key, so an unlock meets exactly the car's policy (a grant that covers it
// and the occupant's confirmation, which a Matter controller cannot give). Refusals are `security.refused` events
// and the Matter command fails with a Matter status.
//
// On the bus the controller sits on the home LAN at `home/<homeId>/matter-controller`: its command leaves from
// there through the home gateway to the device, and the answer comes back the same way. The last hop of the answer
// (gateway → controller) is the Matter wire: it is carried by the bridge (this party is `externalize`d), which
// sends the Matter invoke response and measures the round trip until the controller's MRP acknowledgement closes
// the exchange — a real network round trip, recorded `measured` like every external hop. The first hop (controller
// → gateway) keeps its LAN link model: one side of a wire cannot time a one-way trip. While the answer is on the
// wire the virtual clock is held (wire-gate.ts), as for every external party.
import type { Simulation } from '../../../twins';
import type { WireOutcome } from '../../../twins/bus/bus-types';
import type { Envelope } from '../../../twins/bus/envelope';
import { decodeIntent, type Intent } from '../../../twins/sim/ecosystem-codec';
import { enrolController } from '../../../twins/sim/controller-parties';
import { ConnectorError } from '../connector-error';
import { summarise, type LatencySummary } from '../latency';
import type { WireGate } from '../wire-gate';

export const MATTER_CONTROLLER = 'matter-controller';
export const matterControllerAddress = (homeId: string): string => `home/${homeId}/${MATTER_CONTROLLER}`;

/** How a Matter command ended, in the words the bridge turns into a Matter status. */
export type CommandResult =
  | { ok: true }
  | { ok: false; status: 'refused' | 'failed' | 'timeout'; error: string };

/** The Matter exchange a command came in on, so its answer's round trip can be timed to the controller's ack. */
export interface MatterExchange {
  /** Resolves when the exchange is closed: the response sent and acknowledged (or given up). */
  closed(): Promise<void>;
}

export interface MatterPartyStats {
  commands: number;
  accepted: number;
  refused: number;
  failed: number;
  timeouts: number;
  /** Round trips of the answers on the Matter wire (send → the controller's acknowledgement). */
  latencyMs: LatencySummary;
}

export interface MatterParty {
  /** The enrolled signer (`party/matter-controller`). */
  signer: string;
  /** Send `intent` to the device at `address` as the paired Matter controller; resolves with the outcome. */
  command(address: string, intent: Intent, exchange: MatterExchange | undefined): Promise<CommandResult>;
  stats(): MatterPartyStats;
  close(): void;
}

export interface MatterPartyOptions {
  gate: WireGate;
  /** Scopes granted beyond the non-critical ones, e.g. `home.lock:unlock` (scenario `connectors.matter.grants`). */
  grants?: readonly string[];
  /** Wall time to wait for the simulation's answer before the command fails as TIMEOUT (default 10,000 ms). */
  timeoutMs?: number;
}

interface Pending {
  exchange: MatterExchange | undefined;
  settle(result: CommandResult): void;
}

/** How the command guard words a refusal (twins/sim/command-guard.ts): the policy said no, the device did not fail. */
const REFUSAL = /^refused \((unsigned|forged|expired|replayed|unpaired|unauthorized)\): /;

export function startMatterParty(sim: Simulation, options: MatterPartyOptions): MatterParty {
  let signer: string;
  try {
    signer = enrolController(sim, MATTER_CONTROLLER, options.grants ?? []);
  } catch (err) {
    throw new ConnectorError('Matter bridge', `grants: ${(err as Error).message}`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const counts = { commands: 0, accepted: 0, refused: 0, failed: 0, timeouts: 0 };
  const latencies: number[] = [];
  /** Commands waiting for their answer, by the id of the command's envelope. */
  const pending = new Map<string, Pending>();
  const restores: (() => void)[] = [];

  const finish = (result: CommandResult): CommandResult => {
    if (result.ok) counts.accepted++;
    else counts[result.status === 'refused' ? 'refused' : result.status === 'timeout' ? 'timeouts' : 'failed']++;
    return result;
  };

  const outcomeOf = (answer: Intent | undefined): CommandResult => {
    if (answer === undefined) return { ok: false, status: 'failed', error: 'unreadable answer' };
    if (answer.success !== false) return { ok: true };
    const error = answer.error ?? 'refused';
    return { ok: false, status: REFUSAL.test(error) ? 'refused' : 'failed', error };
  };

  // The answer's last hop: the bridge answers the controller and times the exchange until it is acknowledged.
  const carry = (env: Envelope, _hop: unknown, payload: unknown, done: (o: WireOutcome) => void): void => {
    const waiting = env.correlationId === undefined ? undefined : pending.get(env.correlationId);
    // Its command already failed as TIMEOUT: the controller stopped waiting, so the answer reaches nobody.
    if (waiting === undefined) return done({ ok: false, latencyMs: 0, error: `${env.destination} stopped waiting for ${env.topic} (Matter TIMEOUT sent)`, failure: 'timeout' });
    pending.delete(env.correlationId!);
    const release = options.gate.hold();
    const started = performance.now();
    const elapsed = (): number => Math.round((performance.now() - started) * 1000) / 1000;
    waiting.settle(outcomeOf(decodeIntent(payload as never)));
    const closed = waiting.exchange?.closed() ?? Promise.resolve();
    void closed.then(() => {
      const latencyMs = elapsed();
      if (waiting.exchange !== undefined) latencies.push(latencyMs); // a local act() has no wire to time
      done({ ok: true, latencyMs });
    }).finally(release);
  };

  for (const homeId of sim.homes.keys()) {
    restores.push(sim.bus.externalize(matterControllerAddress(homeId), { carry, deliver: () => undefined }));
  }

  return {
    signer,
    command(address, intent, exchange) {
      counts.commands++;
      const homeId = address.split('/')[1]!;
      return new Promise<CommandResult>((resolve) => {
        let settled = false;
        const settle = (result: CommandResult): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(finish(result));
        };
        const timer = setTimeout(() => {
          pending.delete(env.id);
          settle({ ok: false, status: 'timeout', error: `no answer from ${address} within ${timeoutMs} ms (is the run paused or over?)` });
        }, timeoutMs);
        const env = sim.sendFromHome(matterControllerAddress(homeId), address, intent, 'command', {
          signer,
          // A failure before any answer (lost, gateway offline, timed out on the bus) never reaches carry().
          onFailure: (reason) => {
            pending.delete(env.id);
            settle({ ok: false, status: /timed out|timeout/i.test(reason) ? 'timeout' : 'failed', error: reason });
          },
        });
        if (!settled) pending.set(env.id, { exchange, settle }); // a failure can come at once (no route)
      });
    },
    stats: () => ({ ...counts, latencyMs: summarise(latencies) }),
    close() {
      for (const restore of restores.splice(0)) restore();
      for (const [id, p] of pending) {
        pending.delete(id);
        p.settle({ ok: false, status: 'failed', error: 'the Matter bridge is closing' });
      }
    },
  };
}
