// The name catalogues cannot drift from the code: every shipped scenario is run under each architecture it lists,
// and every event type, data key, message topic and context key that appears in the canonical stream must be one
// the catalogues know. A twin that starts emitting something new fails here until the catalogue says so — and the
// scenario checker, which refuses names the catalogue does not know, stays honest.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel/event-log';
import { deviceKindNames, phoneNames, vehiclePartNames, type TwinKindNames } from '../../twins/sim/catalogue';
import { shippedScenarioFiles } from '../cli/list-command';
import { loadScenarioFile } from '../scenario';
import { dataKeysOf, emitterKindsOf, knownTopics } from '../scenario/name-catalogue';
import { runScenario } from './run-scenario';

const cases = shippedScenarioFiles().flatMap((file) => {
  const { scenario } = loadScenarioFile(file);
  return scenario.architectures.map((arch) => [scenario.scenario, arch, file] as const);
});

function kindNames(kind: string): TwinKindNames | undefined {
  return deviceKindNames(kind) ?? vehiclePartNames().get(kind) ?? (kind === 'phone' ? phoneNames() : undefined);
}

/** What the catalogues do not know about one event, in words a failing test can show. */
function unknownNames(event: SimEvent, kindOf: ReadonlyMap<string, string>): string[] {
  const keys = dataKeysOf(event.type);
  if (keys === undefined) return [`event type ${event.type} (from ${event.source})`];
  const unknown = Object.keys(event.data).filter((key) => !keys.includes(key)).map((key) => `data key ${event.type}.${key}`);
  // The source check relies on this: a type only machines emit comes only from twins of the kinds listed for it.
  const emitters = emitterKindsOf(event.type);
  if (emitters !== undefined && !emitters.has(kindOf.get(event.source) ?? `(no twin at ${event.source})`)) {
    unknown.push(`${event.type} from ${event.source} (${kindOf.get(event.source) ?? 'not a twin'}), not from ${[...emitters].join(' or ')}`);
  }
  if ((event.type === 'msg.delivered' || event.type === 'msg.failed') && typeof event.data.topic === 'string' && !knownTopics().includes(event.data.topic)) {
    unknown.push(`topic ${event.data.topic} (${event.data.source} → ${event.data.destination})`);
  }
  if (event.type === 'twin.state' || event.type === 'twin.created') {
    const names = kindNames(String(event.data.kind));
    const changes = event.data.changes as Record<string, unknown> | null;
    if (names === undefined) unknown.push(`twin kind ${String(event.data.kind)}`);
    else for (const key of Object.keys(changes ?? {})) if (!names.context.has(key)) unknown.push(`context key ${String(event.data.kind)}.${key}`);
  }
  return unknown;
}

describe('the name catalogues know everything the shipped scenarios emit', () => {
  it.each(cases)('%s under %s', async (_name, arch, file) => {
    const unknown = new Set<string>();
    const seen = new Set<string>();
    const kindOf = new Map<string, string>();
    await runScenario(loadScenarioFile(file).scenario, arch, {
      listeners: [(event) => {
        seen.add(event.type);
        if (event.type === 'twin.created') kindOf.set(event.source, String(event.data.kind));
        for (const name of unknownNames(event, kindOf)) unknown.add(name);
      }],
    });
    expect([...unknown]).toEqual([]);
    expect(seen.size).toBeGreaterThan(3);
  });
});
