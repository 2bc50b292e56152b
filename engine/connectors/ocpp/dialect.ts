// What an OCPP version must say for the charge-point session (charge-point.ts), which itself speaks no version:
// ocpp16.ts and ocpp201.ts map the session's events (boot, status, transaction, meter sample) onto their messages,
// and the CSMS's calls onto the session's port (install a profile, start or stop remotely).
import type { ChargingProfile, CompositePeriod, ProfileFilter } from '../../../twins/home/charging-profile';

export type OcppVersion = '1.6' | '2.0.1';

/** Connector states in OCPP 1.6 words (2.0.1 maps them onto Available/Occupied and its charging states). */
export type ConnectorStatus = 'Available' | 'Preparing' | 'Charging' | 'SuspendedEVSE' | 'SuspendedEV' | 'Finishing';

export type StopReason = 'Local' | 'Remote' | 'EVDisconnected' | 'DeAuthorized';

export interface Transaction {
  /** The CSMS's id (1.6: from StartTransaction.conf) or the charge point's own (2.0.1); undefined until known. */
  id: string | undefined;
  idTag: string;
  startedAt: number;
  meterStartWh: number;
  /** 2.0.1 TransactionEvent sequence number. */
  seqNo: number;
  remoteStartId?: number;
  /** Whether the CSMS was told it started (StartTransaction / TransactionEvent Started sent). */
  announced?: boolean;
  /** Why it ended, once it did. */
  stopReason?: StopReason;
}

export interface MeterSample {
  /** Virtual time (ms) of the sample. */
  at: number;
  /** Energy.Active.Import.Register: all the wallbox ever delivered (Wh). */
  energyWh: number;
  /** Power.Active.Import (W). */
  powerW: number;
}

export interface OcppCall {
  action: string;
  params: Record<string, unknown>;
}

/** Outcome of a CSMS call the session decides on: accepted, or refused with the reason (shown, and mapped to Rejected). */
export type PortOutcome = { ok: true } | { ok: false; reason: string };

/** The session as a dialect sees it when the CSMS calls. */
export interface ChargePointPort {
  /** ISO 8601 time of a virtual time, and back (undefined when malformed). */
  iso(t: number): string;
  virtualTime(iso: string): number | undefined;
  /** Current virtual time (ms). */
  now(): number;
  status(): ConnectorStatus;
  transaction(): Transaction | undefined;
  /** Install a profile for the whole station (`station`, connector/evse 0) or the one connector. */
  setProfile(profile: ChargingProfile, scope: 'station' | 'connector'): PortOutcome;
  clearProfiles(filter: ProfileFilter): number;
  remoteStart(idTag: string, profile: ChargingProfile | undefined, remoteStartId?: number): PortOutcome;
  remoteStop(transactionId: string): PortOutcome;
  /** The limits from now for `durationS` seconds (GetCompositeSchedule). */
  compositeSchedule(durationS: number): CompositePeriod[];
}

/** A composite schedule's periods in whole W, or in whole A at 230 V on 3 phases (the schemas' number formats). */
export function periodsIn(unit: 'W' | 'A', periods: readonly CompositePeriod[]): { startPeriod: number; limit: number }[] {
  return periods.map((p) => ({ startPeriod: p.startPeriodS, limit: Math.floor(unit === 'W' ? p.limitKw * 1000 : (p.limitKw * 1000) / (3 * 230)) }));
}

export type InboundHandler = (params: Record<string, unknown>, port: ChargePointPort) => Record<string, unknown>;

export interface OcppDialect {
  readonly version: OcppVersion;
  /** WebSocket subprotocol (ocpp-rpc validates against its schema in strict mode). */
  readonly protocol: 'ocpp1.6' | 'ocpp2.0.1';
  boot(identity: string): OcppCall;
  bootOutcome(result: Record<string, unknown>): { status: 'Accepted' | 'Pending' | 'Rejected'; intervalS: number };
  heartbeat(): OcppCall;
  /** StatusNotification, or undefined when this version would not report the change. */
  statusNotification(port: ChargePointPort, status: ConnectorStatus, previous: ConnectorStatus | undefined): OcppCall | undefined;
  /** Authorize before a local start, or undefined when the version folds it into the transaction. */
  authorize(idTag: string): OcppCall;
  authorized(result: Record<string, unknown>): boolean;
  transactionStarted(port: ChargePointPort, tx: Transaction, sample: MeterSample): OcppCall;
  /** Read the CSMS's answer to the start: whether the transaction may go on (1.6 also learns its id here). */
  startAccepted(tx: Transaction, result: Record<string, unknown>): boolean;
  /** Periodic meter values of a running transaction. */
  meterValues(port: ChargePointPort, tx: Transaction, sample: MeterSample): OcppCall | undefined;
  transactionEnded(port: ChargePointPort, tx: Transaction, sample: MeterSample): OcppCall | undefined;
  /** A change of charging state inside a transaction (2.0.1 reports it in TransactionEvent; 1.6 does not). */
  chargingStateChanged?(port: ChargePointPort, tx: Transaction, status: ConnectorStatus, sample: MeterSample): OcppCall | undefined;
  /** The CSMS-initiated calls this charge point answers; any other action gets a NotImplemented CALLERROR. */
  readonly handlers: Readonly<Record<string, InboundHandler>>;
}

/** Energy and power as OCPP sampled values (the measurands the CSMS plans with). */
export const MEASURANDS = { energy: 'Energy.Active.Import.Register', power: 'Power.Active.Import' } as const;

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
