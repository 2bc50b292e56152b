// OCPP charging profiles as they arrive on the wire (1.6 csChargingProfiles, 2.0.1 chargingProfile) mapped onto the
// one form twins/home/charging-profile.ts computes limits from; timestamps become virtual times.
import type { ChargingProfile, ProfilePurpose, SchedulePeriod } from '../../../twins/home/charging-profile';
import { num, obj, str, type ChargePointPort } from './dialect';

const PURPOSES: Record<string, ProfilePurpose> = {
  ChargePointMaxProfile: 'ChargePointMaxProfile',
  ChargingStationMaxProfile: 'ChargePointMaxProfile',
  // An external constraint (a site's energy manager) caps the station like a max profile.
  ChargingStationExternalConstraints: 'ChargePointMaxProfile',
  TxDefaultProfile: 'TxDefaultProfile',
  TxProfile: 'TxProfile',
};

/** Fields of one wire profile, named per version. */
export interface WireProfileFields {
  id: unknown;
  stackLevel: unknown;
  purpose: unknown;
  kind: unknown;
  recurrency: unknown;
  validFrom: unknown;
  validTo: unknown;
  transactionId: unknown;
  schedule: unknown;
}

/** The profile, or why it cannot be read (the schema already checked shapes; this checks times and meanings). */
export function readProfile(f: WireProfileFields, port: ChargePointPort): ChargingProfile | string {
  const schedule = obj(f.schedule);
  const purpose = PURPOSES[str(f.purpose) ?? ''];
  const id = num(f.id);
  const stackLevel = num(f.stackLevel);
  if (schedule === undefined || purpose === undefined || id === undefined || stackLevel === undefined) return 'incomplete charging profile';
  const time = (value: unknown, what: string): number | undefined | string => {
    if (value === undefined) return undefined;
    const t = typeof value === 'string' ? port.virtualTime(value) : undefined;
    return t === undefined ? `${what} is not a date-time: ${JSON.stringify(value)}` : t;
  };
  const validFrom = time(f.validFrom, 'validFrom');
  const validTo = time(f.validTo, 'validTo');
  const startSchedule = time(schedule.startSchedule, 'startSchedule');
  for (const t of [validFrom, validTo, startSchedule]) if (typeof t === 'string') return t;
  const rawPeriods = Array.isArray(schedule.chargingSchedulePeriod) ? schedule.chargingSchedulePeriod : [];
  const periods: SchedulePeriod[] = rawPeriods.map((p) => {
    const period = obj(p) ?? {};
    const phases = num(period.numberPhases);
    return { startPeriodS: num(period.startPeriod) ?? Number.NaN, limit: num(period.limit) ?? Number.NaN, ...(phases !== undefined ? { numberPhases: phases } : {}) };
  });
  const kind = str(f.kind);
  const recurrency = str(f.recurrency);
  const duration = num(schedule.duration);
  return {
    id, stackLevel, purpose,
    kind: kind === 'Recurring' || kind === 'Relative' ? kind : 'Absolute',
    ...(recurrency === 'Daily' || recurrency === 'Weekly' ? { recurrency } : {}),
    ...(typeof validFrom === 'number' ? { validFrom } : {}),
    ...(typeof validTo === 'number' ? { validTo } : {}),
    ...(f.transactionId !== undefined ? { transactionId: String(f.transactionId) } : {}),
    ...(typeof startSchedule === 'number' ? { startSchedule } : {}),
    ...(duration !== undefined ? { durationS: duration } : {}),
    unit: schedule.chargingRateUnit === 'A' ? 'A' : 'W',
    periods,
  };
}
