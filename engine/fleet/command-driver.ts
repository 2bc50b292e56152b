// Cars command their homes and homes their cars at `--command-rate` commands per second (for the whole shard),
// evenly spaced with ±50 % jitter from the seeded RNG. Each command is timed at the sender with the monotonic
// clock (performance.now) from publish to reply, so shards on different machines need no clock sync. A command
// ends exactly once: answered, refused, or failed (not-connected, publish-error, timeout).
import { randomBytes } from 'node:crypto';
import type { RandomStream } from '../../twins/kernel/types';
import { newSpanId, newTraceId } from '../../twins/bus/trace-ids';
import type { FleetParty } from './fleet-member';
import { homeOfVehicle, isSimulatedHere, memberId, vehicleOfHome, type FleetKind, type FleetShard } from './fleet-plan';
import type { FleetCommand, FleetReply, FleetTopics } from './fleet-topics';
import { HomeBehaviour } from './home-behaviour';
import { LatencyHistogram } from './latency-histogram';
import { VehicleBehaviour } from './vehicle-behaviour';

export type CommandFailure = 'timeout' | 'not-connected' | 'publish-error' | 'refused';

export interface CommandCounts {
  attempted: number;
  sent: number;
  answered: number;
  /** Commands whose receiver another shard simulates (so they crossed between processes). */
  crossShard: number;
  failures: Record<CommandFailure, number>;
}

interface Pending {
  sentAt: number;
  settled: boolean;
}

export class CommandDriver {
  readonly counts: CommandCounts = { attempted: 0, sent: 0, answered: 0, crossShard: 0, failures: { timeout: 0, 'not-connected': 0, 'publish-error': 0, refused: 0 } };
  readonly latency = new LatencyHistogram();
  /** In send order, so the timeout sweep stops at the first command still in time. */
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  /** Per run and unpredictable, so another client on a shared broker cannot forge a reply by guessing the id. */
  private readonly nonce = randomBytes(6).toString('hex');
  private nextAt = 0;

  constructor(
    private readonly senders: readonly FleetParty[],
    private readonly plan: { vehicles: number; homes: number; shard: FleetShard; commandRate: number; version: 4 | 5; timeoutMs: number },
    private readonly topics: FleetTopics,
    private readonly random: RandomStream,
  ) {}

  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends every command due by `now` (ms, monotonic); call it often (every few ms). */
  tick(now: number): void {
    if (this.plan.commandRate <= 0 || this.senders.length === 0) return;
    if (this.nextAt === 0) this.nextAt = now;
    const spacing = 1000 / this.plan.commandRate;
    while (this.nextAt <= now) {
      this.sendOne();
      this.nextAt += spacing * (0.5 + this.random.next());
    }
  }

  /** Commands unanswered after the timeout fail as `timeout`. */
  sweep(now: number, all = false): void {
    for (const [id, p] of this.pending) {
      if (!all && now - p.sentAt < this.plan.timeoutMs) break;
      this.pending.delete(id);
      if (!p.settled) this.fail('timeout');
    }
  }

  onReply(reply: FleetReply): void {
    const p = this.pending.get(reply.correlationId);
    if (p === undefined || p.settled) return; // late (already timed out), duplicate, or not ours
    p.settled = true;
    this.pending.delete(reply.correlationId);
    if (!reply.ok) return this.fail('refused');
    this.counts.answered++;
    this.latency.record(performance.now() - p.sentAt);
  }

  private sendOne(): void {
    const sender = this.senders[Math.floor(this.random.next() * this.senders.length)]!;
    const target = this.targetOf(sender);
    const draw = this.random.next();
    const traceparent = `00-${newTraceId(this.random)}-${newSpanId(this.random)}-01`;
    if (target === undefined) return;
    this.counts.attempted++;
    if (!isSimulatedHere(target.kind, target.index, this.plan.shard)) this.counts.crossShard++;
    if (!sender.client.connected) return this.fail('not-connected');
    const correlationId = `${this.nonce}-${sender.member.id}-${++this.seq}`;
    const replyTo = this.topics.reply(sender.member.kind, sender.member.id);
    const picked = target.kind === 'home' ? HomeBehaviour.pickCommand(draw) : VehicleBehaviour.pickCommand(draw);
    const command: FleetCommand = { ...picked, from: sender.member.id, correlationId, replyTo, traceparent };
    const p: Pending = { sentAt: performance.now(), settled: false };
    this.pending.set(correlationId, p);
    const properties = this.plan.version === 5 ? { properties: { responseTopic: replyTo, correlationData: Buffer.from(correlationId), userProperties: { traceparent } } } : {};
    sender.client.publish(this.topics.command(target.kind, memberId(target.kind, target.index)), JSON.stringify(command), { qos: 1, ...properties }, (err) => {
      if (err === undefined) return void this.counts.sent++;
      if (p.settled) return;
      p.settled = true;
      this.pending.delete(correlationId);
      this.fail('publish-error');
    });
  }

  private targetOf(sender: FleetParty): { kind: FleetKind; index: number } | undefined {
    const { vehicles, homes } = this.plan;
    if (sender.member.kind === 'vehicle') return { kind: 'home', index: homeOfVehicle(sender.member.index, homes) };
    const car = vehicleOfHome(sender.member.index, vehicles, homes, this.random.next());
    return car === undefined ? undefined : { kind: 'vehicle', index: car };
  }

  private fail(reason: CommandFailure): void {
    this.counts.failures[reason]++;
  }
}
