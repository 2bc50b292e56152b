// OCPP 1.6J: the session's events as 1.6 messages (BootNotification, Heartbeat, StatusNotification, Authorize,
// Start/StopTransaction, MeterValues) and the CSMS calls a charge point answers (Set/ClearChargingProfile,
// RemoteStart/RemoteStopTransaction). One connector (id 1); connector 0 means the whole charge point.
import { MEASURANDS, num, obj, periodsIn, str, type ChargePointPort, type MeterSample, type OcppCall, type OcppDialect, type Transaction } from './dialect';
import { readProfile } from './profile-mapping';

const CONNECTOR = 1;

const meterValue = (port: ChargePointPort, sample: MeterSample, context: string): Record<string, unknown> => ({
  timestamp: port.iso(sample.at),
  sampledValue: [
    { value: sample.energyWh.toFixed(0), context, measurand: MEASURANDS.energy, unit: 'Wh' },
    { value: sample.powerW.toFixed(0), context, measurand: MEASURANDS.power, unit: 'W' },
  ],
});

const txId = (tx: Transaction): number | undefined => (tx.id !== undefined && /^-?\d+$/.test(tx.id) ? Number(tx.id) : undefined);

function profileOf(raw: unknown, port: ChargePointPort) {
  const p = obj(raw) ?? {};
  return readProfile({
    id: p.chargingProfileId, stackLevel: p.stackLevel, purpose: p.chargingProfilePurpose, kind: p.chargingProfileKind,
    recurrency: p.recurrencyKind, validFrom: p.validFrom, validTo: p.validTo, transactionId: p.transactionId, schedule: p.chargingSchedule,
  }, port);
}

const status = (accepted: boolean): Record<string, unknown> => ({ status: accepted ? 'Accepted' : 'Rejected' });

export const ocpp16: OcppDialect = {
  version: '1.6',
  protocol: 'ocpp1.6',
  boot: (identity) => ({
    action: 'BootNotification',
    params: { chargePointVendor: 'Twinbench', chargePointModel: 'Wallbox twin', chargePointSerialNumber: identity.slice(0, 25) },
  }),
  bootOutcome: (result) => ({
    status: result.status === 'Accepted' || result.status === 'Pending' ? result.status : 'Rejected',
    intervalS: num(result.interval) ?? 0,
  }),
  heartbeat: () => ({ action: 'Heartbeat', params: {} }),
  statusNotification: (port, s) => ({
    action: 'StatusNotification',
    params: { connectorId: CONNECTOR, errorCode: 'NoError', status: s, timestamp: port.iso(port.now()) },
  }),
  authorize: (idTag) => ({ action: 'Authorize', params: { idTag } }),
  authorized: (result) => obj(result.idTagInfo)?.status === 'Accepted',
  transactionStarted: (port, tx, sample) => ({
    action: 'StartTransaction',
    params: { connectorId: CONNECTOR, idTag: tx.idTag, meterStart: Math.round(sample.energyWh), timestamp: port.iso(sample.at) },
  }),
  startAccepted(tx, result) {
    const id = num(result.transactionId);
    if (id !== undefined) tx.id = String(id);
    return obj(result.idTagInfo)?.status === 'Accepted';
  },
  meterValues(port, tx, sample): OcppCall | undefined {
    const id = txId(tx);
    return {
      action: 'MeterValues',
      params: { connectorId: CONNECTOR, ...(id !== undefined ? { transactionId: id } : {}), meterValue: [meterValue(port, sample, 'Sample.Periodic')] },
    };
  },
  transactionEnded(port, tx, sample): OcppCall | undefined {
    const id = txId(tx);
    if (id === undefined) return undefined; // the CSMS never gave it an id: there is nothing it could match
    return {
      action: 'StopTransaction',
      params: {
        transactionId: id, idTag: tx.idTag, meterStop: Math.round(sample.energyWh), timestamp: port.iso(sample.at),
        reason: tx.stopReason ?? 'Local', transactionData: [meterValue(port, sample, 'Transaction.End')],
      },
    };
  },
  handlers: {
    SetChargingProfile(params, port) {
      const connectorId = num(params.connectorId) ?? -1;
      const profile = profileOf(params.csChargingProfiles, port);
      if (typeof profile === 'string' || connectorId < 0 || connectorId > CONNECTOR) return status(false);
      // 1.6 §5.16: a ChargePointMaxProfile goes on connector 0 only; a TxProfile on a connector, with a transaction.
      if (profile.purpose === 'ChargePointMaxProfile' && connectorId !== 0) return status(false);
      if (profile.purpose === 'TxProfile' && connectorId === 0) return status(false);
      return status(port.setProfile(profile, connectorId === 0 ? 'station' : 'connector').ok);
    },
    ClearChargingProfile(params, port) {
      const connectorId = num(params.connectorId);
      if (connectorId !== undefined && connectorId > CONNECTOR) return { status: 'Unknown' };
      const purpose = str(params.chargingProfilePurpose);
      const removed = port.clearProfiles({
        ...(num(params.id) !== undefined ? { id: num(params.id)! } : {}),
        ...(purpose === 'ChargePointMaxProfile' || purpose === 'TxDefaultProfile' || purpose === 'TxProfile' ? { purpose } : {}),
        ...(num(params.stackLevel) !== undefined ? { stackLevel: num(params.stackLevel)! } : {}),
      });
      return { status: removed > 0 ? 'Accepted' : 'Unknown' };
    },
    RemoteStartTransaction(params, port) {
      const connectorId = num(params.connectorId);
      if (connectorId !== undefined && connectorId !== CONNECTOR) return status(false);
      let profile;
      if (params.chargingProfile !== undefined) {
        profile = profileOf(params.chargingProfile, port);
        if (typeof profile === 'string' || profile.purpose !== 'TxProfile') return status(false);
      }
      return status(port.remoteStart(str(params.idTag) ?? '', profile).ok);
    },
    GetCompositeSchedule(params, port) {
      const connectorId = num(params.connectorId) ?? -1;
      const duration = num(params.duration) ?? 0;
      if (connectorId < 0 || connectorId > CONNECTOR || duration < 0) return status(false);
      const unit = params.chargingRateUnit === 'A' ? 'A' : 'W';
      const start = port.iso(port.now());
      return {
        status: 'Accepted', connectorId, scheduleStart: start,
        chargingSchedule: { duration, startSchedule: start, chargingRateUnit: unit, chargingSchedulePeriod: periodsIn(unit, port.compositeSchedule(duration)) },
      };
    },
    RemoteStopTransaction(params, port) {
      return status(port.remoteStop(String(num(params.transactionId))).ok);
    },
  },
};
