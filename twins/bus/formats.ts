// Payload schemas spoken on the bus. The carmaker's vehicle cloud and the home cloud use genuinely different
// message formats; only the hub translates between them (see twins/gateways/hub-translation.ts). The bus
// records on every hop which format crossed that link.
import type { Json } from '../kernel/types';

/** Vehicle cloud: `{ vin, service: 'home.climate', action: 'setTemperature', params: { celsius }, ts }`. */
export const VEHICLE_CLOUD_FORMAT = 'vehicle-cloud/v1';
/** Home cloud: `{ deviceId, capability: 'climate', command: 'set_temperature', attributes: { temperature }, requestId }`. */
export const HOME_CLOUD_FORMAT = 'home-cloud/v1';
/** Anything else: passed through untouched, but no hub can translate it. */
export const OPAQUE_FORMAT = 'opaque';

export type PayloadFormat = typeof VEHICLE_CLOUD_FORMAT | typeof HOME_CLOUD_FORMAT | typeof OPAQUE_FORMAT;

/** Recognises a payload's schema by its identifying fields. */
export function detectFormat(payload: Json): PayloadFormat {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return OPAQUE_FORMAT;
  if (typeof payload.vin === 'string' && typeof payload.service === 'string') return VEHICLE_CLOUD_FORMAT;
  if (typeof payload.deviceId === 'string' && typeof payload.capability === 'string') return HOME_CLOUD_FORMAT;
  return OPAQUE_FORMAT;
}
