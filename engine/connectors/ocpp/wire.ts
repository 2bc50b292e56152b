// One charge point's OCPP-J WebSocket (ocpp-rpc, strict schema validation both ways) and its contract with the
// virtual clock (wire-gate.ts): while a CALL of the charge point is on the wire the clock is held, and after the
// answer to a message a CSMS typically reacts to (BootNotification, StatusNotification, a transaction's start or
// end) it stays held for a short settle window, extended by every CALL the CSMS sends meanwhile. So a CSMS that
// sets a charging profile in reply — before or just after answering — has it applied at the same virtual instant,
// before any later MeterValues. CSMS CALLs are answered at once, at the current virtual time.
import { RPCClient, createRPCError } from 'ocpp-rpc';
import type { WireOutcome } from '../../../twins/bus/bus-types';
import { ConnectorError } from '../connector-error';
import type { ConnectorEvents } from '../connector-events';
import { summarise, type LatencySummary } from '../latency';
import type { WireGate } from '../wire-gate';
import type { OcppDialect } from './dialect';

/** Answers after which the clock waits `settleMs` for the CSMS's own CALLs (profiles in reply); not periodic ones. */
const SETTLE_AFTER = new Set(['BootNotification', 'StatusNotification', 'StartTransaction', 'StopTransaction', 'TransactionEvent']);
const MAX_SETTLE_WINDOWS = 20;
const settles = (action: string, params: Record<string, unknown>): boolean => SETTLE_AFTER.has(action) && params.triggerReason !== 'MeterValuePeriodic';

export interface WireOptions {
  /** CSMS base URL; the charge point connects to `<url>/<identity>`. */
  url: string;
  identity: string;
  dialect: OcppDialect;
  /** Security profile 1 (HTTP basic auth, username = identity). */
  password?: string;
  /** Wall time to wait for each answer. */
  timeoutMs: number;
  settleMs: number;
  gate: WireGate;
  events: ConnectorEvents;
}

export interface WireStats {
  identity: string;
  calls: number;
  accepted: number;
  refused: number;
  timeouts: number;
  outages: number;
  /** CALLs from the CSMS answered, and those refused (schema violations, unknown actions, bad content). */
  inbound: number;
  inboundRejected: number;
  latencyMs: LatencySummary;
}

type Handler = (action: string, params: Record<string, unknown>) => Record<string, unknown>;

export class OcppWire {
  readonly label: string;
  private readonly client: RPCClient;
  private readonly latencies: number[] = [];
  private readonly counts = { calls: 0, accepted: 0, refused: 0, timeouts: 0, outages: 0, inbound: 0, inboundRejected: 0 };
  private settleRelease: (() => void) | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private settleSince = 0;

  constructor(private readonly options: WireOptions, handle: Handler) {
    this.label = `ocpp ${options.url.replace(/\/+$/, '')}/${options.identity}`;
    this.client = new RPCClient({
      endpoint: options.url.replace(/\/+$/, ''), identity: options.identity, protocols: [options.dialect.protocol], strictMode: true,
      callTimeoutMs: options.timeoutMs, reconnect: true, backoff: { initialDelay: 500, maxDelay: 10_000, factor: 2, randomisationFactor: 0.25 },
      ...(options.password !== undefined ? { password: options.password } : {}),
    } as ConstructorParameters<typeof RPCClient>[0]);
    this.client.on('strictValidationFailure', (e: { error: Error; method: string; outbound: boolean; isCall: boolean }) => {
      if (!e.outbound) this.counts.inboundRejected++;
      options.events.emit('connector.error', this.label, { reason: `${e.outbound ? 'outgoing' : 'incoming'} ${e.method} ${e.isCall ? 'CALL' : 'CALLRESULT'} violates the ${options.dialect.protocol} schema: ${e.error.message}` });
    });
    this.client.on('badMessage', (e: { error: Error }) => {
      this.counts.inboundRejected++;
      options.events.emit('connector.error', this.label, { reason: `malformed OCPP-J message: ${e.error.message}` });
    });
    // ocpp-rpc reconnects with backoff; meanwhile the charge point's CALLs fail at once as outages.
    this.client.on('disconnect', () => options.events.emit('connector.disconnected', this.label));
    for (const action of Object.keys(options.dialect.handlers)) {
      // Answered in the same turn of the event loop (ocpp-rpc wants a promise): the clock cannot step in between.
      this.client.handle(action, async ({ params }) => this.inbound(action, params ?? {}, handle));
    }
    this.client.handle(async ({ method }) => {
      this.counts.inboundRejected++;
      throw createRPCError('NotImplemented', `this charge point does not support ${method ?? 'that action'}`);
    });
  }

  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (err) {
      const reason = (err as Error).message || String(err);
      const refused = /unauthori[sz]ed|401|forbidden|403/i.test(reason);
      throw new ConnectorError(this.label, `cannot connect: ${reason}`, refused
        ? `The CSMS refused the credentials: register ${this.options.identity} there, and set its password in TWINBENCH_OCPP_PASSWORD (security profile 1)`
        : 'Is the CSMS running, is the URL right (ws://host:port/path, the wallbox id is appended), and does it know this charge point?');
    }
    this.options.events.emit('connector.connected', this.label, { protocol: this.client.protocol ?? this.options.dialect.protocol });
  }

  /** Send one CALL; `done` gets the measured round trip, or why it failed. The result goes to `onResult` first. */
  call(action: string, params: Record<string, unknown>, onResult: (result: Record<string, unknown>) => void, done: (o: WireOutcome) => void): void {
    this.counts.calls++;
    if (this.client.state !== RPCClient.OPEN) {
      this.counts.outages++;
      return done({ ok: false, latencyMs: 0, error: `${this.label}: not connected to the CSMS`, failure: 'outage' });
    }
    const release = this.options.gate.hold();
    const started = performance.now();
    const elapsed = (): number => Math.round((performance.now() - started) * 1000) / 1000;
    this.client.call(action, params).then(
      (result: unknown) => {
        const latencyMs = elapsed();
        this.latencies.push(latencyMs);
        this.counts.accepted++;
        if (settles(action, params)) this.settle();
        onResult(typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {});
        done({ ok: true, latencyMs });
      },
      (err: { message?: string; rpcErrorCode?: string }) => {
        const latencyMs = elapsed();
        // ocpp-rpc's TimeoutError leaves `name` as 'Error'; its class says what it is.
        const timedOut = err?.constructor?.name === 'TimeoutError';
        const message = `${this.label}: ${action} ${err.rpcErrorCode ? `answered CALLERROR ${err.rpcErrorCode}` : timedOut ? `unanswered after ${this.options.timeoutMs} ms` : 'failed'}: ${err.message ?? String(err)}`;
        if (timedOut) this.counts.timeouts++;
        else if (err.rpcErrorCode !== undefined) this.counts.refused++;
        else this.counts.outages++;
        const failure = timedOut ? 'timeout' : err.rpcErrorCode !== undefined ? 'refused' : 'outage';
        done({ ok: false, latencyMs, error: message, failure });
      },
    ).finally(release);
  }

  stats(): WireStats {
    return { identity: this.options.identity, ...this.counts, latencyMs: summarise(this.latencies) };
  }

  async close(): Promise<void> {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleRelease?.();
    this.settleRelease = undefined;
    await this.client.close({ force: true }).catch(() => undefined);
  }

  private inbound(action: string, params: Record<string, unknown>, handle: Handler): Record<string, unknown> {
    this.counts.inbound++;
    this.settle();
    try {
      return handle(action, params);
    } catch (err) {
      this.counts.inboundRejected++;
      throw createRPCError('InternalError', `${action} could not be applied: ${(err as Error).message}`);
    }
  }

  /**
   * Hold the clock `settleMs` more (wall time) for the CSMS's reaction. One window grows to at most
   * MAX_SETTLE_WINDOWS × settleMs, so a CSMS that keeps calling cannot stall the run.
   */
  private settle(): void {
    if (this.options.settleMs <= 0) return;
    const now = performance.now();
    if (this.settleRelease === undefined) {
      this.settleRelease = this.options.gate.hold();
      this.settleSince = now;
    } else if (now - this.settleSince >= MAX_SETTLE_WINDOWS * this.options.settleMs) {
      return;
    }
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      const release = this.settleRelease;
      this.settleRelease = undefined;
      this.settleTimer = undefined;
      release?.();
    }, this.options.settleMs);
  }
}
