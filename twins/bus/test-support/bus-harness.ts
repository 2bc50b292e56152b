// Test harness for the bus: a kernel, a bus on exact (jitter-free, loss-free) links unless told otherwise,
// endpoints that record what they receive, and the canonical events parsed back for assertions.
import { createKernel, type SimEvent } from '../../kernel';
import type { Json } from '../../kernel/types';
import { canonicalJson } from '../../kernel/canonical-json';
import { createBus } from '../bus';
import type { BusOptions, BusTopology } from '../bus-types';
import type { Architecture, Envelope } from '../envelope';
import { envelopeCanonicalJson } from '../envelope-json';
import { envelopeOfRecord, eventDataOfLine, isCompactable } from '../envelope-record';
import { DEFAULT_LINK_MODELS, type LinkModel } from '../links';
import { staticTopology } from '../topology';

/** Every standard link at exactly its median, never losing anything: hop times are plain sums. */
export function exactLinks(): { [linkId: string]: Partial<LinkModel> } {
  const out: { [linkId: string]: Partial<LinkModel> } = {};
  for (const [id, model] of Object.entries(DEFAULT_LINK_MODELS)) out[id] = { ...model, sigma: 0, jitterMs: 0, loss: 0 };
  return out;
}

function mergeLinks(base: { [id: string]: Partial<LinkModel> }, over: { [id: string]: Partial<LinkModel> }) {
  const out = { ...base };
  for (const [id, model] of Object.entries(over)) out[id] = { ...base[id], ...model };
  return out;
}

export interface HarnessOptions {
  seed?: number;
  architecture?: Architecture;
  topology?: BusTopology;
  links?: { [linkId: string]: Partial<LinkModel> };
  gateways?: BusOptions['gateways'];
  /** Use the field-typical (random) link models instead of exact ones. */
  realisticLinks?: boolean;
  canonicalData?: BusOptions['canonicalData'];
  checkpoint?: BusOptions['checkpoint'];
}

export function busHarness(options: HarnessOptions = {}) {
  const k = createKernel({ seed: options.seed ?? 1 });
  const bus = createBus({
    kernel: k,
    architecture: options.architecture ?? 'cloud-cloud',
    topology: options.topology ?? staticTopology({ phones: { v1: 'u1' } }),
    links: options.realisticLinks ? options.links : mergeLinks(exactLinks(), options.links ?? {}),
    gateways: options.gateways,
    canonicalData: options.canonicalData,
    checkpoint: options.checkpoint,
  });
  // Every message the bus finishes must read back from its line as exactly its envelope: the bus skips the
  // compactability check when it writes records (see envelope-record.ts), so every bus test checks it here.
  k.events.onEvent((event, line) => {
    if (!event.type.startsWith('msg.') || options.canonicalData !== undefined) return;
    const env = event.data as unknown as Envelope;
    if (!isCompactable(env)) throw new Error(`bus made an envelope its record cannot carry: ${envelopeCanonicalJson(env)}`);
    const readBack = canonicalJson(envelopeOfRecord((JSON.parse(line) as SimEvent).data) as unknown as Json);
    if (readBack !== envelopeCanonicalJson(env)) throw new Error(`record of ${env.id} reads back differently:\n${readBack}\n${envelopeCanonicalJson(env)}`);
  });
  const inboxes = new Map<string, { env: Envelope; payload: Json }[]>();
  const endpoint = (address: string) => {
    const inbox: { env: Envelope; payload: Json }[] = [];
    inboxes.set(address, inbox);
    bus.register(address, (env, payload) => inbox.push({ env, payload }));
    return inbox;
  };
  const events = (type?: string): SimEvent[] =>
    k.events
      .lines()
      .map((line) => JSON.parse(line) as SimEvent)
      .filter((e) => type === undefined || e.type === type)
      .map((e) => ({ ...e, data: eventDataOfLine(e.type, e.data) }));
  return { k, bus, endpoint, events };
}

export const hopList = (env: Envelope): string[] => env.hops.map((h) => `${h.from} → ${h.to} [${h.link}]`);
