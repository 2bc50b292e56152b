// One wallbox twin as an OCPP charge point: the session in virtual time. It boots (retrying after the CSMS's
// interval when Pending or Rejected), beats its heart, reports the connector's status as the EVSE twin changes,
// authorizes and reports each charging session as a transaction, sends meter values at the configured interval,
// and lets the CSMS set and clear charging profiles and start or stop charging remotely.
// Every CALL travels as a bus message (topic `ocpp/<Action>`) from the wallbox to the `csms` party, whose hop is
// carried over the real WebSocket (wire.ts) with its latency measured; the CALLRESULT comes back as the response.
// CALLs from the CSMS are answered on arrival and appear on the bus as events csms → wallbox with the reply.
// Outgoing CALLs wait their turn in call-queue.ts.
import { CSMS } from '../../../twins/bus/addresses';
import type { WireOutcome } from '../../../twins/bus/bus-types';
import type { Envelope } from '../../../twins/bus/envelope';
import type { ChargingProfile, CompositePeriod, ProfileFilter } from '../../../twins/home/charging-profile';
import type { EvseContext } from '../../../twins/home/evse.machine';
import type { Json, TimerHandle } from '../../../twins/kernel/types';
import type { Simulation } from '../../../twins/sim/simulation';
import type { TwinActor } from '../../../twins/sim/twin-actor';
import { obj, type ChargePointPort, type ConnectorStatus, type OcppDialect, type PortOutcome, type Transaction } from './dialect';
import { CallQueue, type QueuedCall } from './call-queue';
import { MeterRegister } from './meter-sampling';
import { ProfileApplication } from './profile-application';
import { OcppWire, type WireOptions } from './wire';

/** Boot retry when the CSMS gives no interval or cannot be reached; doubled per failure up to an hour. */
const BOOT_RETRY_MS = 60_000;
const MAX_BOOT_RETRY_MS = 3_600_000;

export interface ChargePointOptions extends Omit<WireOptions, 'identity' | 'dialect'> {
  dialect: OcppDialect;
  identity: string;
  /** Virtual time between MeterValues of a running transaction (ms). */
  meterIntervalMs: number;
  /** Wall-clock time (ms since the epoch) of virtual time 0, for OCPP timestamps. */
  epochMs: number;
  /** The idTag a local start presents (the car's id). */
  idTag: string;
}

export class ChargePoint implements ChargePointPort {
  readonly wire: OcppWire;
  private readonly meter: MeterRegister;
  private readonly profiles: ProfileApplication;
  private readonly results = new Map<string, Record<string, unknown>>();
  private readonly calls: CallQueue;
  private readonly unsubscribe: (() => void)[] = [];
  private bootRetryMs = BOOT_RETRY_MS;
  private tx: Transaction | undefined;
  private txCount = 0;
  private remote: { idTag: string; profile: ChargingProfile | undefined; remoteStartId: number | undefined } | undefined;
  private lastStatus: ConnectorStatus | undefined;
  private timers: { heartbeat?: TimerHandle; meter?: TimerHandle; boot?: TimerHandle } = {};
  private closed = false;
  /** Why the CSMS call being answered was refused, if it was. */
  private refusal: string | undefined;

  constructor(private readonly sim: Simulation, readonly twin: TwinActor, private readonly options: ChargePointOptions) {
    this.wire = new OcppWire(options, (action, params) => this.answer(action, params));
    this.calls = new CallQueue(sim, twin.id);
    this.meter = new MeterRegister(twin);
    this.profiles = new ProfileApplication(sim, twin, () => (this.tx ? { id: this.tx.id ?? '', startedAt: this.tx.startedAt } : undefined));
  }

  get address(): string {
    return this.twin.id;
  }

  /** Observe the twin and boot, at the current virtual time. */
  start(): void {
    const started = this.twin.actor.on('evse.session_started', () => this.sessionStarted());
    const ended = this.twin.actor.on('evse.session_ended', (e: { energyKwh?: number }) => this.sessionEnded(Number(e.energyKwh ?? 0)));
    const changed = this.twin.actor.subscribe(() => this.twinChanged());
    this.unsubscribe.push(() => started.unsubscribe(), () => ended.unsubscribe(), () => changed.unsubscribe());
    this.lastStatus = this.status();
    this.boot();
  }

  /** The csms party's hop from this wallbox: send the CALL, keep its result for the response. */
  carry(env: Envelope, payload: Json, done: (o: WireOutcome) => void): void {
    const action = env.topic.slice('ocpp/'.length);
    this.wire.call(action, obj(payload) ?? {}, (result) => this.results.set(env.id, result), done);
  }

  deliver(env: Envelope): void {
    const result = this.results.get(env.id);
    this.results.delete(env.id);
    if (result !== undefined && env.status === 'delivered') this.sim.bus.respond(env, result as Json);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.calls.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const timer of Object.values(this.timers)) if (timer !== undefined) this.sim.kernel.scheduler.cancel(timer);
    this.profiles.close();
    await this.wire.close();
  }

  // ChargePointPort: what the CSMS's calls may do.
  iso(t: number): string {
    return new Date(this.options.epochMs + t).toISOString();
  }

  virtualTime(iso: string): number | undefined {
    const wall = Date.parse(iso);
    return Number.isFinite(wall) && /^\d{4}-\d{2}-\d{2}T/.test(iso) ? wall - this.options.epochMs : undefined;
  }

  now(): number {
    return this.sim.now;
  }

  status(): ConnectorStatus {
    const evse = this.twin.context as unknown as EvseContext;
    switch (this.twin.state) {
      case 'available':
        return 'Available';
      case 'charging':
        return 'Charging';
      case 'suspended':
        return evse.evRequestKw <= 0 ? 'SuspendedEV' : 'SuspendedEVSE';
      default:
        return evse.sessionsStarted > 0 && this.lastStatus !== 'Preparing' && this.lastStatus !== 'Available' ? 'Finishing' : 'Preparing';
    }
  }

  transaction(): Transaction | undefined {
    return this.tx;
  }

  setProfile(profile: ChargingProfile, _scope: 'station' | 'connector'): PortOutcome {
    if (profile.purpose === 'TxProfile') {
      if (this.tx === undefined) return this.noted({ ok: false, reason: 'a TxProfile needs a running transaction' });
      if (profile.transactionId !== undefined && this.tx.id !== undefined && profile.transactionId !== this.tx.id) return this.noted({ ok: false, reason: `no transaction ${profile.transactionId}` });
    }
    return this.noted(this.profiles.install(profile));
  }

  clearProfiles(filter: ProfileFilter): number {
    return this.profiles.clear(filter);
  }

  compositeSchedule(durationS: number): CompositePeriod[] {
    return this.profiles.composite(durationS);
  }

  remoteStart(idTag: string, profile: ChargingProfile | undefined, remoteStartId?: number): PortOutcome {
    if (this.twin.state !== 'connected' || this.tx !== undefined) return this.noted({ ok: false, reason: 'no car waiting at the connector' });
    if (profile !== undefined && profile.periods.length === 0) return { ok: false, reason: 'the profile has no periods' };
    this.remote = { idTag, profile, remoteStartId };
    const refusal = this.twin.sendChecked({ type: 'EVSE.START_CHARGING' });
    this.remote = undefined;
    return this.noted(refusal === undefined ? { ok: true } : { ok: false, reason: refusal });
  }

  remoteStop(transactionId: string): PortOutcome {
    if (this.tx === undefined || this.tx.id !== transactionId) return this.noted({ ok: false, reason: `no transaction ${transactionId}` });
    this.tx.stopReason = 'Remote';
    this.twin.send({ type: 'EVSE.STOP_CHARGING' });
    return { ok: true };
  }

  private answer(action: string, params: Record<string, unknown>): Record<string, unknown> {
    const handler = this.options.dialect.handlers[action]!;
    this.refusal = undefined;
    const reply = handler(params, this);
    const refusal = this.refusal;
    // OCPP has no field for why (1.6) or only codes (2.0.1): the reason goes to the flow and the connector events.
    if (refusal !== undefined) this.options.events.emit('connector.ocpp-refused', this.wire.label, { action, reason: refusal });
    // Shown in the flow and recorded like any message; its effect already happened, at this virtual instant.
    const payload: Record<string, unknown> = { call: params, reply, ...(refusal !== undefined ? { refusal } : {}) };
    this.sim.bus.send({ source: CSMS, destination: this.address, topic: `ocpp/${action}`, kind: 'event', payload: payload as Json });
    return reply;
  }

  private noted(outcome: PortOutcome): PortOutcome {
    if (!outcome.ok) this.refusal = outcome.reason;
    return outcome;
  }

  private boot(): void {
    const { dialect, identity } = this.options;
    this.send({
      beforeBoot: true,
      make: () => dialect.boot(identity),
      then: (result) => {
        const { status, intervalS } = dialect.bootOutcome(result);
        if (status === 'Accepted') return this.accepted(intervalS);
        this.later('boot', intervalS > 0 ? intervalS * 1000 : BOOT_RETRY_MS, () => this.boot());
      },
      failed: () => {
        this.later('boot', this.bootRetryMs, () => this.boot());
        this.bootRetryMs = Math.min(MAX_BOOT_RETRY_MS, this.bootRetryMs * 2);
      },
    });
  }

  private accepted(intervalS: number): void {
    this.bootRetryMs = BOOT_RETRY_MS;
    const beat = (): void => {
      this.send({ make: () => this.options.dialect.heartbeat() });
      this.later('heartbeat', intervalS * 1000, beat);
    };
    if (intervalS > 0) this.later('heartbeat', intervalS * 1000, beat);
    // After a boot, the CSMS learns the connector's status as it is now.
    const status = this.status();
    this.calls.open({ status: true, make: () => this.options.dialect.statusNotification(this, status, undefined) });
  }

  private twinChanged(): void {
    const status = this.status();
    if (status === this.lastStatus) return;
    const previous = this.lastStatus;
    this.lastStatus = status;
    this.send({ status: true, make: () => this.options.dialect.statusNotification(this, status, previous) });
    const tx = this.tx;
    if (tx !== undefined && this.options.dialect.chargingStateChanged) {
      this.send({ make: () => (tx.announced && tx.stopReason === undefined ? this.options.dialect.chargingStateChanged!(this, tx, status, this.meter.sample(this.sim.now)) : undefined) });
    }
  }

  private sessionStarted(): void {
    const { dialect } = this.options;
    const remote = this.remote;
    const sample = this.meter.sample(this.sim.now);
    const tx: Transaction = {
      id: dialect.version === '2.0.1' ? `${this.options.identity}-${++this.txCount}` : undefined,
      idTag: (remote?.idTag ?? this.options.idTag).slice(0, 20), startedAt: this.sim.now, meterStartWh: sample.energyWh, seqNo: 0,
      ...(remote?.remoteStartId !== undefined ? { remoteStartId: remote.remoteStartId } : {}),
    };
    this.tx = tx;
    if (remote?.profile !== undefined) this.profiles.install(remote.profile);
    else this.profiles.apply(); // a TxDefaultProfile's Relative schedule starts now
    const deauthorize = (): void => {
      if (this.tx !== tx || tx.stopReason !== undefined) return;
      tx.stopReason = 'DeAuthorized';
      this.twin.send({ type: 'EVSE.STOP_CHARGING' });
    };
    // A remote start was authorized by the CSMS itself; a local one presents its idTag first.
    if (remote === undefined) this.send({ make: () => dialect.authorize(tx.idTag), then: (r) => dialect.authorized(r) || deauthorize() });
    this.send({
      make: () => {
        if (tx.stopReason === 'DeAuthorized') return undefined;
        tx.announced = true;
        return dialect.transactionStarted(this, tx, sample);
      },
      then: (r) => (dialect.startAccepted(tx, r) ? this.profiles.apply() : deauthorize()),
    });
    const meter = (): void => {
      if (this.tx !== tx) return;
      const at = this.meter.sample(this.sim.now);
      this.send({ make: () => (tx.announced ? dialect.meterValues(this, tx, at) : undefined) });
      this.later('meter', this.options.meterIntervalMs, meter);
    };
    this.later('meter', this.options.meterIntervalMs, meter);
  }

  private sessionEnded(energyKwh: number): void {
    const tx = this.tx;
    this.meter.sessionEnded(energyKwh);
    if (tx === undefined) return;
    const sample = this.meter.sample(this.sim.now);
    this.tx = undefined;
    if (this.timers.meter !== undefined) this.sim.kernel.scheduler.cancel(this.timers.meter);
    this.profiles.transactionEnded();
    // The twin emits the end inside its transition; whether the car left shows once it is done (same instant).
    this.sim.kernel.scheduler.schedule(0, () => {
      tx.stopReason ??= this.twin.state === 'available' ? 'EVDisconnected' : 'Local';
      this.send({ make: () => (tx.announced ? this.options.dialect.transactionEnded(this, tx, sample) : undefined) });
    }, `ocpp:${this.options.identity}`);
  }

  private later(which: keyof ChargePoint['timers'], delayMs: number, fn: () => void): void {
    if (this.closed) return;
    const previous = this.timers[which];
    if (previous !== undefined) this.sim.kernel.scheduler.cancel(previous);
    this.timers[which] = this.sim.kernel.scheduler.schedule(delayMs, fn, `ocpp:${this.options.identity}`);
  }

  private send(item: QueuedCall): void {
    this.calls.send(item);
  }
}
