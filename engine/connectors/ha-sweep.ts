// What earlier runs left on the broker for Home Assistant. Discovery configs are retained: a run that ended or
// died without removing them leaves devices HA keeps showing. At the start of a run this reads every retained
// Twinbench config of this topic root and removes (empty retained payload: HA's "delete") those of devices the new
// run does not have, and clears the retained `offline` status of runs that are gone. Configs of other programs, and
// of Twinbench instances on another topic root, are left alone: a config is ours only when its node id starts with
// `twinbench_` and its topics live under our root.
import type { MqttSession } from './mqtt-session';
import type { TopicScheme } from './topics';

export interface SweepOptions {
  prefix: string;
  topics: TopicScheme;
  runId: string;
  /** Config topics of this run: never removed. */
  keep: ReadonlySet<string>;
  /** Longest wait for the broker to hand over its retained messages (default 2,000 ms). */
  settleMs?: number;
}

export interface SweepResult {
  removedConfigs: string[];
  clearedRuns: string[];
}

/** True when a retained config payload belongs to a Twinbench run on this topic root. */
export function isOurConfig(topic: string, payload: string, topics: TopicScheme): boolean {
  if (topic.split('/')[2]?.startsWith('twinbench_') !== true || payload === '') return false;
  try {
    const config = JSON.parse(payload) as { availability_topic?: unknown; state_topic?: unknown };
    const under = (v: unknown): boolean => typeof v === 'string' && v.startsWith(`${topics.root}/`);
    return under(config.availability_topic) || under(config.state_topic);
  } catch {
    return false;
  }
}

export async function sweepStale(session: MqttSession, options: SweepOptions): Promise<SweepResult> {
  const { prefix, topics, runId, keep } = options;
  const configs = new Map<string, string>();
  const statuses = new Map<string, string>();
  const unsubscribes = [
    await session.subscribe(`${prefix}/+/+/+/config`, (topic, payload, packet) => {
      if (packet.retain) configs.set(topic, payload.toString('utf8'));
    }),
    await session.subscribe(topics.runStatusFilter(), (topic, payload, packet) => {
      if (packet.retain) statuses.set(topic, payload.toString('utf8'));
    }),
  ];
  // A broker hands retained messages over right after SUBACK, before anything published later: a message of our
  // own coming back marks the end of them.
  const echo = `${topics.runStatus(runId).replace(/\/status$/, '')}/sweep`;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => done(), options.settleMs ?? 2_000);
    let off: (() => void) | undefined;
    const done = (): void => {
      clearTimeout(timer);
      off?.();
      resolve();
    };
    void session.subscribe(echo, () => done()).then((unsubscribe) => {
      off = unsubscribe;
      session.publish(echo, 'end of retained', { qos: 1 });
    });
  });
  for (const unsubscribe of unsubscribes) unsubscribe();

  const removedConfigs = [...configs].filter(([topic, payload]) => !keep.has(topic) && isOurConfig(topic, payload, topics)).map(([topic]) => topic);
  for (const topic of removedConfigs) session.publish(topic, '', { qos: 1, retain: true });
  // Only `offline` ones: a run still `online` on this root may be alive (another bench sharing the broker).
  const clearedRuns = [...statuses].filter(([topic, payload]) => topic !== topics.runStatus(runId) && payload === 'offline').map(([topic]) => topic);
  for (const topic of clearedRuns) session.publish(topic, '', { qos: 1, retain: true });
  return { removedConfigs, clearedRuns };
}
