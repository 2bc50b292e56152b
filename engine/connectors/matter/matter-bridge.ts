// `--matter`: each simulated home as a Matter bridge (matter.js ServerNode): an Aggregator with one bridged endpoint
// per device Matter has a type for (device-types.ts). A controller pairs with the printed manual code or QR payload;
// its fabrics are kept under the data folder (`<data>/matter/twinbench-<homeId>`), so a controller paired once finds
// the same bridge on the next run. Commands enter the simulation as the paired party `matter-controller`
// (matter-party.ts) and meet the same policy as every other path; attributes follow the twins (state-sync.ts).
import { randomInt } from 'node:crypto';
import { Endpoint, Environment, LogLevel, Logger, ServerNode, VendorId } from '@matter/main';
import { AggregatorEndpoint } from '@matter/main/endpoints/aggregator';
import type { Simulation } from '../../../twins';
import { ConnectorError } from '../connector-error';
import type { ConnectorEvents } from '../connector-events';
import type { WireGate } from '../wire-gate';
import { bridgedTypeOf, mergePatches } from './device-types';
import { startMatterParty, type MatterPartyStats } from './matter-party';
import { PASSCODE_RULE, isValidDiscriminator, isValidPasscode } from './passcode';
import { startStateSync, type StateSync, type SyncedEndpoint } from './state-sync';
import { bind } from './twin-binding';

export interface MatterBridgeOptions {
  /** Folder for the bridges' fabric storage (the CLI uses `<data folder>/matter`). */
  storagePath: string;
  /** UDP port of the first home's bridge; the next homes take the next ports. 0 = any free port. Default 5540. */
  port?: number;
  /** Setup passcode (default: a random valid one per bridge). */
  passcode?: number;
  /** 12-bit discriminator (default: random per bridge). */
  discriminator?: number;
  /** Scopes granted to the Matter controller beyond the non-critical ones, e.g. `home.lock:unlock`. */
  grants?: readonly string[];
  /** Wall time a command waits for the simulation's answer (default 10,000 ms). */
  timeoutMs?: number;
  /** matter.js's own log level (default `error`: the run's output stays readable). */
  logLevel?: 'debug' | 'info' | 'notice' | 'warn' | 'error' | 'fatal';
}

export interface MatterHomeBridge {
  homeId: string;
  port: number;
  manualPairingCode: string;
  qrPairingCode: string;
  passcode: number;
  discriminator: number;
  /** `address (MatterType)` of each bridged twin. */
  bridged: string[];
  /** Twins Matter has no device type for. */
  skipped: string[];
  /** True once a controller has commissioned the bridge (now or on an earlier run). */
  commissioned: boolean;
}

export interface MatterBridge {
  homes: MatterHomeBridge[];
  /** The bridged endpoint of the twin at `address` (tests act on it locally, without a controller). */
  endpoint(address: string): Endpoint | undefined;
  stats(): MatterPartyStats;
  /** Resolves when every twin change so far is on its endpoint. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

function randomPasscode(): number {
  for (;;) {
    const n = randomInt(1, 99_999_999);
    if (isValidPasscode(n)) return n;
  }
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, notice: LogLevel.NOTICE, warn: LogLevel.WARN, error: LogLevel.ERROR, fatal: LogLevel.FATAL };

/**
 * matter.js's environment for the bridges: fabric storage in `storagePath`, and no process signal handlers or exit
 * codes of its own (the CLI owns Ctrl-C and closes the bridges itself).
 */
function matterEnvironment(storagePath: string): Environment {
  const base = Environment.default;
  base.vars.set('runtime.signals', false);
  base.vars.set('runtime.exitcode', false);
  base.vars.set('storage.path', storagePath);
  return base;
}

/** A Matter endpoint id: letters, digits, `_` and `-`. */
const endpointId = (entityId: string): string => entityId.replace(/[^A-Za-z0-9_-]/g, '-');

export async function startMatterBridge(sim: Simulation, gate: WireGate, events: ConnectorEvents, options: MatterBridgeOptions): Promise<MatterBridge> {
  if (options.passcode !== undefined && !isValidPasscode(options.passcode)) {
    throw new ConnectorError('Matter bridge', `passcode ${options.passcode} is not allowed by Matter`, `Give another: ${PASSCODE_RULE}`);
  }
  if (options.discriminator !== undefined && !isValidDiscriminator(options.discriminator)) {
    throw new ConnectorError('Matter bridge', `discriminator ${options.discriminator} is not a 12-bit number`, 'Give 0…4095');
  }
  Logger.level = LOG_LEVELS[options.logLevel ?? 'error'];
  const environment = matterEnvironment(options.storagePath);
  const party = startMatterParty(sim, { gate, ...(options.grants ? { grants: options.grants } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const nodes: ServerNode[] = [];
  const syncs: StateSync[] = [];
  const homes: MatterHomeBridge[] = [];
  const endpoints = new Map<string, Endpoint>();
  const close = async (): Promise<void> => {
    for (const sync of syncs.splice(0)) sync.stop();
    party.close();
    for (const node of nodes.splice(0).reverse()) {
      try {
        await node.close();
      } catch (err) {
        events.emit('connector.error', `matter bridge ${node.id}`, { reason: `closing: ${(err as Error).message}` });
      }
    }
  };

  try {
    let index = 0;
    for (const home of sim.homes.values()) {
      const basePort = options.port ?? 5540;
      const port = basePort === 0 ? 0 : basePort + index++;
      const passcode = options.passcode ?? randomPasscode();
      const discriminator = options.discriminator ?? randomInt(0, 4096);
      const label = `matter bridge ${home.id}`;
      let node: ServerNode;
      try {
        node = await ServerNode.create({
          id: `twinbench-${home.id}`, environment,
          network: { port },
          commissioning: { passcode, discriminator },
          productDescription: { name: `Twinbench ${home.id}`, deviceType: AggregatorEndpoint.deviceType },
          basicInformation: {
            vendorName: 'Twinbench', vendorId: VendorId(0xfff1), productName: 'Twinbench home bridge', productId: 0x8000,
            nodeLabel: `Twinbench ${home.id}`, serialNumber: `twinbench-${home.id}`, hardwareVersion: 1, softwareVersion: 1,
          },
        });
      } catch (err) {
        throw new ConnectorError(label, (err as Error).message, 'Is another program using its storage folder?');
      }
      nodes.push(node);
      const aggregator = new Endpoint(AggregatorEndpoint, { id: 'aggregator' });
      await node.add(aggregator);
      const synced: SyncedEndpoint[] = [];
      const bridged: string[] = [];
      const skipped: string[] = [];
      const late: { sync?: StateSync } = {}; // the sync starts once every endpoint exists
      for (const twin of home.devices.values()) {
        const type = bridgedTypeOf(twin);
        if (type === undefined) {
          skipped.push(twin.id);
          continue;
        }
        const entityId = twin.id.split('/')[2]!;
        const endpoint = new Endpoint(type.type, {
          id: endpointId(entityId),
          bridgedDeviceBasicInformation: { nodeLabel: entityId.slice(0, 32), productName: type.matter, reachable: true, uniqueId: twin.id.slice(0, 32) },
          ...mergePatches(type.fixed ?? {}, type.attributes(twin, sim.now)),
        } as never);
        bind(endpoint, { address: twin.id, kind: twin.kind, party, resync: () => late.sync?.push(twin.id) });
        try {
          await aggregator.add(endpoint);
        } catch (err) {
          throw new ConnectorError(label, `cannot bridge ${twin.id} as ${type.matter}: ${(err as Error).message}`);
        }
        endpoints.set(twin.id, endpoint);
        synced.push({ twin, type, endpoint: endpoint as unknown as SyncedEndpoint['endpoint'] });
        bridged.push(`${twin.id} (${type.matter})`);
      }
      late.sync = startStateSync(sim, synced, events, label);
      syncs.push(late.sync);
      try {
        await node.start();
      } catch (err) {
        const busy = /EADDRINUSE/.test(String((err as Error).message));
        throw new ConnectorError(label, `cannot listen on UDP port ${port}: ${(err as Error).message}`, busy ? 'Another Matter device or bridge uses it: give another port (connectors.matter.port)' : undefined);
      }
      const codes = node.state.commissioning.pairingCodes;
      homes.push({
        homeId: home.id, port: node.state.network.operationalPort, manualPairingCode: codes.manualPairingCode, qrPairingCode: codes.qrPairingCode,
        passcode, discriminator, bridged, skipped, commissioned: node.state.commissioning.commissioned,
      });
      events.emit('connector.matter', label, { port: node.state.network.operationalPort, bridged: bridged.length, commissioned: node.state.commissioning.commissioned });
    }
  } catch (err) {
    await close();
    throw err;
  }

  return {
    homes,
    endpoint: (address) => endpoints.get(address),
    stats: () => party.stats(),
    settled: async () => {
      await Promise.all(syncs.map((s) => s.settled()));
    },
    close,
  };
}
