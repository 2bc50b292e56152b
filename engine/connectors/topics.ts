// Twinbench's MQTT topic scheme, version 1 (documented for users in TOPICS.md). Twins keep their bus address as
// their topic path, so `home/h1/lock.front_door` is mirrored under `twinbench/v1/home/h1/lock.front_door/…`.
// Bus envelopes put each address in a single level (`/` written as `:`) so that `+` filters by party.
import { assertValidFilter } from '../../twins/bus/topics';
import type { Envelope } from '../../twins/bus/envelope';

export const TOPIC_SCHEME_VERSION = 'v1';
export const DEFAULT_TOPIC_ROOT = `twinbench/${TOPIC_SCHEME_VERSION}`;

/** Sub-levels of a twin's topic. */
export type TwinChannel = 'state' | 'event' | 'command' | 'response';

/** How an envelope finished, the last level of its mirror topic. */
export type EnvelopeOutcome = 'delivered' | 'failed' | 'timeout';

export interface CommandTopic {
  address: string;
  /** Attribute of a per-attribute command topic (`…/command/brightness`), if any. */
  attribute?: string;
}

export class TopicScheme {
  constructor(readonly root: string = DEFAULT_TOPIC_ROOT) {
    if (root === '' || root.endsWith('/')) throw new Error(`topic root '${root}' must be non-empty and not end with '/'`);
    if (/[+#]/.test(root)) throw new Error(`topic root '${root}' must not contain the wildcards + or #`);
  }

  /** Retained `online` / `offline` of the latest connector on this root, said on connect and clean close. */
  status(): string {
    return `${this.root}/status`;
  }

  /** Retained `online` / `offline` of one run (its connection's MQTT last will): Home Assistant availability. */
  runStatus(runId: string): string {
    return `${this.root}/runs/${runId}/status`;
  }

  /** Filter matching every run's status topic (to clear those of runs that are gone). */
  runStatusFilter(): string {
    return `${this.root}/runs/+/status`;
  }

  /** `twinbench/v1/home/h1/light.living_room/state` (retained), `…/event`, `…/command`, `…/response`. */
  twin(address: string, channel: TwinChannel): string {
    return `${this.root}/${address}/${channel}`;
  }

  /** Per-attribute command topic (Home Assistant sends brightness, temperature, position … on their own topics). */
  command(address: string, attribute?: string): string {
    return attribute === undefined ? `${this.root}/${address}/command` : `${this.root}/${address}/command/${attribute}`;
  }

  /** Filters matching every device command topic, with or without attribute. */
  commandFilters(): string[] {
    const filters = [`${this.root}/home/+/+/command`, `${this.root}/home/+/+/command/+`];
    filters.forEach(assertValidFilter);
    return filters;
  }

  /** The device address and attribute of a command topic, or undefined when it is not one. */
  parseCommand(topic: string): CommandTopic | undefined {
    const prefix = `${this.root}/`;
    if (!topic.startsWith(prefix)) return undefined;
    const levels = topic.slice(prefix.length).split('/');
    // home/<homeId>/<entityId>/command[/<attribute>]
    if (levels[0] !== 'home' || levels.length < 4 || levels.length > 5 || levels[3] !== 'command') return undefined;
    const address = levels.slice(0, 3).join('/');
    return levels.length === 5 ? { address, attribute: levels[4]! } : { address };
  }

  /** `twinbench/v1/bus/<architecture>/<source>/<destination>/<outcome>`, addresses in one level each. */
  envelope(env: Envelope, outcome: EnvelopeOutcome): string {
    return `${this.root}/bus/${env.architecture}/${addressLevel(env.source)}/${addressLevel(env.destination)}/${outcome}`;
  }
}

/** An address as one topic level: `home/h1/lock.front_door` → `home:h1:lock.front_door`. */
export function addressLevel(address: string): string {
  return address.replaceAll('/', ':');
}

/** Back from one level to the address. */
export function levelAddress(level: string): string {
  return level.replaceAll(':', '/');
}
