// How a scenario names a twin (a vehicle, a phone, a cloud, a home gateway or a home device) and how that
// name maps onto the bus addresses of twins/bus (`vehicle/<id>`, `phone/<user>`, `home/<home>/<entityId>`…).
// Authors may write the short form `h1/lock.front_door`; the resolved scenario always carries the address.

/** Ids of users, homes, vehicles, steps, expectations: safe inside an address (no `/` or `.`). */
export const ID_SOURCE = '[A-Za-z0-9][A-Za-z0-9_-]*';
export const ID_PATTERN = new RegExp(`^${ID_SOURCE}$`);

/** A Home Assistant entity id: `<domain>.<object_id>`, e.g. `lock.front_door`. */
export const ENTITY_ID_SOURCE = '[a-z][a-z_]*\\.[a-z0-9_]+';

/** The shared clouds of the integration architectures (seed §2.3). */
export const CLOUD_IDS = ['vehicle-cloud', 'hub', 'home-cloud'] as const;
export type CloudId = (typeof CLOUD_IDS)[number];

/** A brand's own cloud (many brands): vehicle-cloud/<brand> or home-cloud/<brand>. */
export const BRAND_CLOUD_SOURCE = `(?:vehicle-cloud|home-cloud)/${ID_SOURCE}`;

/** First address segments that mean a kind of twin, so they cannot be home ids in the short form. */
export const RESERVED_IDS: readonly string[] = ['vehicle', 'phone', 'home', 'local', ...CLOUD_IDS];

export const TWIN_REF_PATTERN = new RegExp(
  `^(?:(?:vehicle|phone|local)/${ID_SOURCE}|${BRAND_CLOUD_SOURCE}|(?:home/)?${ID_SOURCE}/(?:gateway|${ENTITY_ID_SOURCE})|${CLOUD_IDS.join('|')})$`,
);

export const TWIN_REF_HINT =
  'write vehicle/<id>, phone/<user>, <home>/<domain>.<object_id> (e.g. h1/lock.front_door), <home>/gateway, ' +
  `local/<home> (its near-field link), ${CLOUD_IDS.join(', ')}, vehicle-cloud/<brand>, home-cloud/<brand>`;

export type TwinRef =
  | { kind: 'vehicle'; vehicle: string }
  | { kind: 'phone'; user: string }
  | { kind: 'device'; home: string; entityId: string }
  | { kind: 'home-gateway'; home: string }
  /** The home's near-field / LAN radio that local-direct messages cross (a gateway twin on the bus). */
  | { kind: 'local-link'; home: string }
  /** A shared cloud, or with `brand` that brand's own cloud (vehicle-cloud/<brand>, home-cloud/<brand>). */
  | { kind: 'cloud'; cloud: CloudId; brand?: string };

/** Parses any accepted spelling; undefined for anything else (e.g. free-form event sources). */
export function parseTwinRef(text: string): TwinRef | undefined {
  if (!TWIN_REF_PATTERN.test(text)) return undefined;
  if ((CLOUD_IDS as readonly string[]).includes(text)) return { kind: 'cloud', cloud: text as CloudId };
  const parts = text.split('/');
  if ((parts[0] === 'vehicle-cloud' || parts[0] === 'home-cloud') && parts.length === 2) return { kind: 'cloud', cloud: parts[0], brand: parts[1]! };
  if (parts[0] === 'vehicle' && parts.length === 2) return { kind: 'vehicle', vehicle: parts[1]! };
  if (parts[0] === 'phone' && parts.length === 2) return { kind: 'phone', user: parts[1]! };
  if (parts[0] === 'local' && parts.length === 2) return { kind: 'local-link', home: parts[1]! };
  const [home, entity] = parts[0] === 'home' && parts.length === 3 ? [parts[1]!, parts[2]!] : [parts[0]!, parts[1]!];
  return entity === 'gateway' ? { kind: 'home-gateway', home } : { kind: 'device', home, entityId: entity };
}

/** The bus address of a twin. */
export function twinAddress(ref: TwinRef): string {
  switch (ref.kind) {
    case 'vehicle':
      return `vehicle/${ref.vehicle}`;
    case 'phone':
      return `phone/${ref.user}`;
    case 'device':
      return `home/${ref.home}/${ref.entityId}`;
    case 'home-gateway':
      return `home/${ref.home}/gateway`;
    case 'local-link':
      return `local/${ref.home}`;
    case 'cloud':
      return ref.brand === undefined ? ref.cloud : `${ref.cloud}/${ref.brand}`;
  }
}

/** Address form of a twin reference; text that is not one (a free-form event source) passes unchanged. */
export function normalizeTwinRef(text: string): string {
  const ref = parseTwinRef(text);
  return ref ? twinAddress(ref) : text;
}

/** Twins that relay messages and can be taken offline or degraded. */
export function isGatewayRef(ref: TwinRef): boolean {
  return ref.kind === 'cloud' || ref.kind === 'home-gateway' || ref.kind === 'local-link' || ref.kind === 'phone';
}
