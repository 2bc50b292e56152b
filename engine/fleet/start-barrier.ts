// Shards of one fleet run start their traffic together, and stop together: a shard whose clients went away while
// another still commanded them would turn the other's last commands into timeouts. Shard processes (perhaps on separate machines) meet only
// through the broker cluster, so each one announces "my clients are connected" on the run's barrier topic and
// waits until it has heard every shard: without this, a car in a fast shard commands a home whose shard has not
// connected it yet, and the command is lost before the run began. Announcements repeat every half second for the
// whole run (not retained), so a shard that subscribes late still hears the early ones, and nothing of an earlier
// run lingers on the broker to be mistaken for this one.
import { createHash } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { FleetOptions } from './fleet-plan';

const ANNOUNCE_EVERY_MS = 500;

export interface BarrierOutcome {
  /** Shards heard from, this one included. */
  ready: number;
  total: number;
  waitedMs: number;
  /** True when the wait ended at the timeout with shards missing (the run goes on; they count as failures). */
  timedOut: boolean;
}

/**
 * The run's id, the same in every shard of one run: the plan every shard is started with (counts, rate, duration,
 * seed, protocol, topic root) — not the shard index and not the broker URLs, which differ between shards.
 */
export function fleetRunId(options: FleetOptions): string {
  const plan = [options.vehicles, options.homes, options.durationS, options.commandRate, options.seed, options.mqttVersion, options.topicRoot ?? '', options.shard.total];
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 16);
}

export class StartBarrier {
  private readonly client: MqttClient;
  private readonly heard = new Set<number>();
  private announcer: ReturnType<typeof setInterval> | undefined;
  private readonly topicFilter: string;

  constructor(private readonly options: FleetOptions, private readonly runId: string, topicRoot: string) {
    const { index, total } = options.shard;
    this.topicFilter = `${topicRoot}/barrier/${runId}/+`;
    this.heard.add(index);
    this.client = mqtt.connect(options.brokers[0]!, {
      clientId: `tb-fleet-barrier-${runId}-${index}-of-${total}`,
      protocolVersion: options.mqttVersion,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    });
    this.client.on('error', () => undefined); // reconnects on its own; the wait's timeout bounds it
    this.client.on('message', (topic, payload) => this.onAnnouncement(topic, payload));
    this.client.on('connect', () => {
      this.client.subscribe(this.topicFilter, { qos: 1 });
      this.announce();
    });
    this.announcer = setInterval(() => this.announce(), ANNOUNCE_EVERY_MS);
  }

  /** Resolves once every shard has announced itself, or at the timeout, or when `signal` aborts. */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<BarrierOutcome> {
    const started = performance.now();
    const total = this.options.shard.total;
    while (this.heard.size < total && performance.now() - started < timeoutMs && signal?.aborted !== true) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { ready: this.heard.size, total, waitedMs: Math.round(performance.now() - started), timedOut: this.heard.size < total };
  }

  /**
   * Stops announcing and disconnects. It announces twice more first: a shard that has just subscribed and not yet
   * heard this one (it finished later) hears it before it goes.
   */
  async close(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2 * ANNOUNCE_EVERY_MS + 100));
    clearInterval(this.announcer);
    this.announcer = undefined;
    await new Promise<void>((resolve) => this.client.end(false, {}, () => resolve()));
  }

  private announce(): void {
    if (!this.client.connected) return;
    const { index, total } = this.options.shard;
    this.client.publish(this.topicFilter.replace('+', String(index)), JSON.stringify({ shard: index, of: total }), { qos: 1 });
  }

  private onAnnouncement(topic: string, payload: Buffer): void {
    const index = Number(topic.slice(topic.lastIndexOf('/') + 1));
    // Only what this run's shards can say: a stray or hostile message on the topic cannot count as a shard.
    if (!Number.isInteger(index) || index < 1 || index > this.options.shard.total) return;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    if (typeof body === 'object' && body !== null && (body as { shard?: unknown }).shard === index && (body as { of?: unknown }).of === this.options.shard.total) {
      this.heard.add(index);
    }
  }
}
