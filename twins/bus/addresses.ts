// Addresses of the parties on the bus. Every message names its source and destination with one of these
// strings; parsing them once tells the path resolver which side of the car–home divide a party is on.
//   vehicle/<vehicleId>   phone/<userId>   vehicle-cloud   hub   home-cloud
//   home/<homeId>/gateway   home/<homeId>/<entityId> (a device, e.g. home/h1/climate.living_room)
//   local/<homeId>        the home's near-field / LAN radio for local direct links (a gateway twin, not an endpoint)
//   vehicle-cloud/<brand>   home-cloud/<brand>   one carmaker's or one home ecosystem's own cloud (many brands)
//   csms                  an OCPP charging station management system: only wallboxes talk to it (engine/connectors/ocpp)

export const VEHICLE_CLOUD = 'vehicle-cloud';
export const HUB = 'hub';
export const HOME_CLOUD = 'home-cloud';
export const CSMS = 'csms';

export type ParsedAddress =
  | { kind: 'vehicle'; vehicleId: string }
  | { kind: 'phone'; userId: string }
  /** `brand` is set for a brand's own cloud (vehicle-cloud/<brand>), absent for the single shared one. */
  | { kind: 'vehicle-cloud'; brand?: string }
  | { kind: 'hub' }
  | { kind: 'home-cloud'; brand?: string }
  | { kind: 'csms' }
  | { kind: 'gateway'; homeId: string }
  | { kind: 'device'; homeId: string; entityId: string }
  | { kind: 'local-link'; homeId: string };

export type AddressKind = ParsedAddress['kind'];

export const vehicleAddress = (vehicleId: string): string => `vehicle/${vehicleId}`;
export const phoneAddress = (userId: string): string => `phone/${userId}`;
export const gatewayAddress = (homeId: string): string => `home/${homeId}/gateway`;
export const deviceAddress = (homeId: string, entityId: string): string => `home/${homeId}/${entityId}`;
export const localLinkAddress = (homeId: string): string => `local/${homeId}`;
/** A carmaker brand's cloud, or the single shared vehicle cloud when no brand is named. */
export const vehicleCloudAddress = (brand?: string): string => (brand === undefined ? VEHICLE_CLOUD : `${VEHICLE_CLOUD}/${brand}`);
/** A home brand's cloud, or the single shared home cloud when no brand is named. */
export const homeCloudAddress = (brand?: string): string => (brand === undefined ? HOME_CLOUD : `${HOME_CLOUD}/${brand}`);

const NAME = /^[A-Za-z0-9_.:-]+$/;

/** Parses an address, or returns undefined when it follows none of the forms above. */
export function parseAddress(address: string): ParsedAddress | undefined {
  if (address === VEHICLE_CLOUD) return { kind: 'vehicle-cloud' };
  if (address === HUB) return { kind: 'hub' };
  if (address === HOME_CLOUD) return { kind: 'home-cloud' };
  if (address === CSMS) return { kind: 'csms' };
  const parts = address.split('/');
  const [head, id, entity] = parts;
  if (id === undefined || !NAME.test(id)) return undefined;
  if (parts.length === 2) {
    if (head === 'vehicle') return { kind: 'vehicle', vehicleId: id };
    if (head === 'phone') return { kind: 'phone', userId: id };
    if (head === 'local') return { kind: 'local-link', homeId: id };
    if (head === VEHICLE_CLOUD) return { kind: 'vehicle-cloud', brand: id };
    if (head === HOME_CLOUD) return { kind: 'home-cloud', brand: id };
    return undefined;
  }
  if (parts.length === 3 && head === 'home' && entity !== undefined && NAME.test(entity)) {
    return entity === 'gateway' ? { kind: 'gateway', homeId: id } : { kind: 'device', homeId: id, entityId: entity };
  }
  return undefined;
}

/** Home id of a home gateway or device address, else undefined. */
export function homeOf(parsed: ParsedAddress): string | undefined {
  return parsed.kind === 'gateway' || parsed.kind === 'device' || parsed.kind === 'local-link' ? parsed.homeId : undefined;
}
