// The simulation's streams and transfers: each flow takes the path the architecture gives between its two ends
// (the same path a message would take, twins/bus/paths.ts) and shares the bandwidth of every link on it
// (twins/bus/flow-network.ts). A flow over the near-field link needs the car in range for as long as it lasts:
// the range is checked every second of virtual time while such a flow runs (only then), and a car that drives
// away ends the flow as failed — a dashcam upload that cannot finish before departure fails visibly.
import type { BusTopology } from '../bus';
import type { Architecture } from '../bus/envelope';
import { FlowNetwork, type CapacityOverrides, type FlowFinishListener, type FlowSpec } from '../bus/flow-network';
import { resolvePath } from '../bus/paths';
import type { Kernel } from '../kernel';
import type { TimerHandle } from '../kernel/types';

const RANGE_CHECK_MS = 1_000;

export class SimFlows {
  readonly network: FlowNetwork;
  private readonly specs = new Map<string, FlowSpec>();
  private rangeTimer: TimerHandle | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly architecture: Architecture,
    private readonly topology: BusTopology,
    capacities: CapacityOverrides = {},
    /** The path's one-way latency (the links' median latencies): when a flow's first bits arrive. */
    private readonly latencyOf: (links: readonly string[]) => number = () => 0,
  ) {
    this.network = new FlowNetwork(kernel, capacities);
    this.network.onFinished((_how, spec) => this.specs.delete(spec.id));
  }

  /** Called when a flow finishes, whichever way (the NAS commits an upload on `completed`). */
  onFinished(listener: FlowFinishListener): void {
    this.network.onFinished(listener);
  }

  /** Starts `spec` along the architecture's path, or records why it cannot (`flow.failed`); true when it runs. */
  start(spec: FlowSpec): boolean {
    if (this.specs.has(spec.id) || this.network.has(spec.id)) {
      this.network.refuse(spec, `a flow "${spec.id}" is already running`);
      return false;
    }
    const resolved = resolvePath(spec.from, spec.to, this.architecture, this.topology);
    if (!resolved.ok) {
      this.network.refuse(spec, resolved.error);
      return false;
    }
    const outOfRange = this.outOfRange(resolved.path, resolved.links);
    if (outOfRange !== undefined) {
      this.network.refuse(spec, outOfRange);
      return false;
    }
    this.specs.set(spec.id, spec);
    this.network.start(spec, resolved.path, resolved.links, this.latencyOf(resolved.links));
    this.watchRange();
    return true;
  }

  stop(id: string, reason: string): boolean {
    return this.network.stop(id, reason);
  }

  /** Why a near-field hop of this path cannot carry anything now, if it cannot. */
  private outOfRange(path: readonly string[], links: readonly string[]): string | undefined {
    const now = this.kernel.scheduler.now();
    for (let i = 0; i < links.length; i++) {
      if (links[i] !== 'near-field') continue;
      const [a, b] = [path[i]!, path[i + 1]!];
      const vehicle = (a.startsWith('vehicle/') ? a : b).split('/')[1]!;
      const home = (a.startsWith('home/') ? a : b).split('/')[1]!;
      if (!this.topology.isLocalReachable(vehicle, home, now)) return `vehicle/${vehicle} is out of local range of home ${home}`;
    }
    return undefined;
  }

  private watchRange(): void {
    if (this.rangeTimer !== undefined || this.network.crossing('near-field').length === 0) return;
    this.rangeTimer = this.kernel.scheduler.schedule(RANGE_CHECK_MS, () => {
      this.rangeTimer = undefined;
      for (const id of this.network.crossing('near-field')) {
        const spec = this.specs.get(id);
        if (spec === undefined) continue;
        const path = resolvePath(spec.from, spec.to, this.architecture, this.topology);
        const reason = path.ok ? this.outOfRange(path.path, path.links) : path.error;
        if (reason !== undefined) this.network.stop(id, reason, true);
      }
      this.watchRange();
    }, 'flows:range');
  }
}
