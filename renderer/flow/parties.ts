// The lanes of the sequence view: every bus address belongs to one party of the car–home picture (seed §2.3),
// from the car on the left to the home's devices on the right, so each architecture's path reads left to right.
// A controller on the home's LAN (a paired Matter controller: `home/<id>/matter-controller`) has its own lane beside
// the gateway it sends through.
import type { Envelope } from '../../protocol';

export const PARTIES = ['car', 'phone', 'vehicle cloud', 'hub', 'home cloud', 'home controller', 'gateway', 'devices'] as const;
export type Party = (typeof PARTIES)[number];

export function partyOf(address: string): Party {
  if (address.startsWith('vehicle/')) return 'car';
  if (address.startsWith('phone/')) return 'phone';
  // A brand's own cloud (many brands: vehicle-cloud/<brand>, home-cloud/<brand>) sits in its kind's lane.
  if (address === 'vehicle-cloud' || address.startsWith('vehicle-cloud/')) return 'vehicle cloud';
  if (address === 'hub') return 'hub';
  // An OCPP CSMS is a cloud service on the home's side of the picture.
  if (address === 'home-cloud' || address.startsWith('home-cloud/') || address === 'csms') return 'home cloud';
  if (address.startsWith('local/') || /^home\/[^/]+\/gateway$/.test(address)) return 'gateway';
  if (/^home\/[^/]+\/matter-controller$/.test(address)) return 'home controller';
  return 'devices';
}

/** The parties a message touches, source to destination. */
export function partiesOf(envelope: Envelope): Set<Party> {
  return new Set(envelope.path.map(partyOf));
}

/** End-to-end latency in ms: sent → delivered (or failed), undefined while in flight. */
export function endToEndMs(envelope: Envelope): number | undefined {
  return envelope.completedAt === undefined ? undefined : envelope.completedAt - envelope.createdAt;
}

export function hopLatencyMs(hop: Envelope['hops'][number]): number | undefined {
  return hop.deliveredAt === undefined ? undefined : hop.deliveredAt - hop.sentAt;
}

export interface MessageFilter {
  party: Party | '';
  topic: string;
  kind: Envelope['kind'] | '';
  failedOnly: boolean;
}

export const NO_FILTER: MessageFilter = { party: '', topic: '', kind: '', failedOnly: false };

export function matchesFilter(envelope: Envelope, filter: MessageFilter): boolean {
  if (filter.failedOnly && envelope.status !== 'failed') return false;
  if (filter.kind !== '' && envelope.kind !== filter.kind) return false;
  if (filter.topic !== '' && !envelope.topic.toLowerCase().includes(filter.topic.toLowerCase())) return false;
  if (filter.party !== '' && !partiesOf(envelope).has(filter.party)) return false;
  return true;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '…';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}
