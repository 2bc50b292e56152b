// OCPP 2.0.1: the session's events as 2.0.1 messages. A transaction is one TransactionEvent stream (Started,
// Updated with the periodic meter values and charging-state changes, Ended) whose id the station makes up;
// StatusNotification says only Available or Occupied. The CSMS calls answered: Set/ClearChargingProfile and
// RequestStart/RequestStopTransaction. One EVSE (id 1) with one connector; EVSE 0 means the whole station.
import type { ChargingProfile } from '../../../twins/home/charging-profile';
import { MEASURANDS, num, obj, periodsIn, str, type ChargePointPort, type ConnectorStatus, type MeterSample, type OcppCall, type OcppDialect, type Transaction } from './dialect';
import { readProfile } from './profile-mapping';

const EVSE = { id: 1, connectorId: 1 };

const meterValue = (port: ChargePointPort, sample: MeterSample, context: string): Record<string, unknown> => ({
  timestamp: port.iso(sample.at),
  sampledValue: [
    { value: Math.round(sample.energyWh), context, measurand: MEASURANDS.energy, unitOfMeasure: { unit: 'Wh' } },
    { value: Math.round(sample.powerW), context, measurand: MEASURANDS.power, unitOfMeasure: { unit: 'W' } },
  ],
});

const CHARGING_STATE: Record<ConnectorStatus, string> = {
  Available: 'Idle', Preparing: 'EVConnected', Charging: 'Charging', SuspendedEV: 'SuspendedEV', SuspendedEVSE: 'SuspendedEVSE', Finishing: 'EVConnected',
};

function event(port: ChargePointPort, tx: Transaction, eventType: string, triggerReason: string, extra: Record<string, unknown>): OcppCall {
  return {
    action: 'TransactionEvent',
    params: {
      eventType, timestamp: port.iso(port.now()), triggerReason, seqNo: tx.seqNo++, evse: EVSE,
      transactionInfo: { transactionId: tx.id ?? '', chargingState: CHARGING_STATE[port.status()], ...(tx.remoteStartId !== undefined && eventType === 'Started' ? { remoteStartId: tx.remoteStartId } : {}) },
      ...extra,
    },
  };
}

/** 2.0.1 sends one to three schedules per profile; the first is the one in force (see charging-profile.ts). */
function profileOf(raw: unknown, port: ChargePointPort): ChargingProfile | string {
  const p = obj(raw) ?? {};
  const schedules = Array.isArray(p.chargingSchedule) ? p.chargingSchedule : [];
  return readProfile({
    id: p.id, stackLevel: p.stackLevel, purpose: p.chargingProfilePurpose, kind: p.chargingProfileKind, recurrency: p.recurrencyKind,
    validFrom: p.validFrom, validTo: p.validTo, transactionId: p.transactionId, schedule: schedules[0],
  }, port);
}

const status = (accepted: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ status: accepted ? 'Accepted' : 'Rejected', ...extra });
const idToken = (idTag: string): Record<string, unknown> => ({ idToken: idTag, type: 'Local' });

export const ocpp201: OcppDialect = {
  version: '2.0.1',
  protocol: 'ocpp2.0.1',
  boot: (identity) => ({
    action: 'BootNotification',
    params: { reason: 'PowerUp', chargingStation: { vendorName: 'Twinbench', model: 'Wallbox twin', serialNumber: identity.slice(0, 25) } },
  }),
  bootOutcome: (result) => ({
    status: result.status === 'Accepted' || result.status === 'Pending' ? result.status : 'Rejected',
    intervalS: num(result.interval) ?? 0,
  }),
  heartbeat: () => ({ action: 'Heartbeat', params: {} }),
  statusNotification(port, s, previous) {
    const connectorStatus = s === 'Available' ? 'Available' : 'Occupied';
    if (previous !== undefined && (previous === 'Available' ? 'Available' : 'Occupied') === connectorStatus) return undefined;
    return { action: 'StatusNotification', params: { timestamp: port.iso(port.now()), connectorStatus, evseId: EVSE.id, connectorId: EVSE.connectorId } };
  },
  authorize: (idTag) => ({ action: 'Authorize', params: { idToken: idToken(idTag) } }),
  authorized: (result) => obj(result.idTokenInfo)?.status === 'Accepted',
  transactionStarted: (port, tx, sample) =>
    event(port, tx, 'Started', tx.remoteStartId !== undefined ? 'RemoteStart' : 'Authorized', { idToken: idToken(tx.idTag), meterValue: [meterValue(port, sample, 'Transaction.Begin')] }),
  startAccepted: (_tx, result) => {
    const info = obj(result.idTokenInfo);
    return info === undefined || info.status === 'Accepted';
  },
  meterValues: (port, tx, sample) => event(port, tx, 'Updated', 'MeterValuePeriodic', { meterValue: [meterValue(port, sample, 'Sample.Periodic')] }),
  chargingStateChanged: (port, tx) => event(port, tx, 'Updated', 'ChargingStateChanged', {}),
  transactionEnded(port, tx, sample) {
    const call = event(port, tx, 'Ended', tx.stopReason === 'Remote' ? 'RemoteStop' : tx.stopReason === 'EVDisconnected' ? 'EVDeparted' : 'StopAuthorized', {
      meterValue: [meterValue(port, sample, 'Transaction.End')],
    });
    (call.params.transactionInfo as Record<string, unknown>).stoppedReason = tx.stopReason ?? 'Local';
    return call;
  },
  handlers: {
    SetChargingProfile(params, port) {
      const evseId = num(params.evseId) ?? -1;
      const profile = profileOf(params.chargingProfile, port);
      if (typeof profile === 'string' || evseId < 0 || evseId > EVSE.id) return status(false);
      if (profile.purpose === 'ChargePointMaxProfile' && evseId !== 0) return status(false);
      if (profile.purpose === 'TxProfile' && evseId === 0) return status(false);
      return status(port.setProfile(profile, evseId === 0 ? 'station' : 'connector').ok);
    },
    ClearChargingProfile(params, port) {
      const criteria = obj(params.chargingProfileCriteria) ?? {};
      const evseId = num(criteria.evseId);
      if (evseId !== undefined && evseId > EVSE.id) return { status: 'Unknown' };
      const purpose = str(criteria.chargingProfilePurpose);
      const mapped = purpose === 'ChargingStationMaxProfile' ? 'ChargePointMaxProfile' : purpose === 'TxDefaultProfile' || purpose === 'TxProfile' ? purpose : undefined;
      const removed = port.clearProfiles({
        ...(num(params.chargingProfileId) !== undefined ? { id: num(params.chargingProfileId)! } : {}),
        ...(mapped !== undefined ? { purpose: mapped } : {}),
        ...(num(criteria.stackLevel) !== undefined ? { stackLevel: num(criteria.stackLevel)! } : {}),
      });
      return { status: removed > 0 ? 'Accepted' : 'Unknown' };
    },
    RequestStartTransaction(params, port) {
      const evseId = num(params.evseId);
      if (evseId !== undefined && evseId !== EVSE.id) return status(false);
      let profile: ChargingProfile | undefined;
      if (params.chargingProfile !== undefined) {
        const read = profileOf(params.chargingProfile, port);
        if (typeof read === 'string' || read.purpose !== 'TxProfile') return status(false);
        profile = read;
      }
      const token = str(obj(params.idToken)?.idToken) ?? '';
      const outcome = port.remoteStart(token, profile, num(params.remoteStartId));
      const tx = port.transaction();
      return status(outcome.ok, outcome.ok && tx?.id !== undefined ? { transactionId: tx.id } : {});
    },
    GetCompositeSchedule(params, port) {
      const evseId = num(params.evseId) ?? -1;
      const duration = num(params.duration) ?? 0;
      if (evseId < 0 || evseId > EVSE.id || duration < 0) return status(false);
      const unit = params.chargingRateUnit === 'A' ? 'A' : 'W';
      return {
        status: 'Accepted',
        schedule: { evseId, duration, scheduleStart: port.iso(port.now()), chargingRateUnit: unit, chargingSchedulePeriod: periodsIn(unit, port.compositeSchedule(duration)) },
      };
    },
    RequestStopTransaction(params, port) {
      return status(port.remoteStop(str(params.transactionId) ?? '').ok);
    },
  },
};
