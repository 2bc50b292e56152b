// One scenario under one architecture, from its first step to its verdict. The run is driven by the virtual
// clock: `runToEnd()` goes as fast as possible (headless), while the app can pace the same clock with a Pacer.
// Steps fire on time, on a geofence crossing, on an event or after another step; failWhen ends the run early.
import type { Architecture } from '../../twins/bus/envelope';
import type { SimEventListener } from '../../twins/kernel';
import type { SignatureProvider } from '../../twins/security';
import { Attacker, installStandardApps, type StandardApps } from '../../twins/sim/apps';
import { GridMonitor } from '../../twins/sim/apps/grid-monitor';
import { DEFAULT_GRID, type GridSpec } from '../../twins/sim/apps/grid';
import { Simulation } from '../../twins/sim/simulation';
import { nodeEd25519 } from '../security/node-ed25519';
import type { ResolvedScenario } from '../scenario';
import type { Step } from '../scenario';
import { performAction, type ActionContext } from './actions';
import { describePattern, matchesEvent } from './event-matcher';
import { ExpectationMonitor, twinReader } from './expectations';
import { MetricsCollector } from './metrics';
import { brandAssignmentOf, simulationSpecOf } from './simulation-spec';
import { nodeEventLogHost } from '../host-event-log';
import type { AgentKind } from '../scenario/schema-household';
import { installHousehold, type HouseholdRun } from './household-run';

export interface ScenarioRunOptions {
  /** See every canonical event from the first one (recorders). */
  listeners?: readonly SimEventListener[];
  chargingOverride?: 'uncontrolled' | 'coordinated';
  /** Serve the scene's household with this agent instead of its own (the rule-only baseline). */
  agentOverride?: AgentKind;
  /** Ed25519 for signed critical commands; node:crypto's by default (same signatures as twins' portable one). */
  signatures?: SignatureProvider;
}

export class ScenarioRun {
  readonly sim: Simulation;
  readonly apps: StandardApps;
  readonly grid: GridMonitor | undefined;
  /** The household of a proactive-agent scene, its agent and their scorer. */
  readonly household: HouseholdRun | undefined;
  readonly metrics: MetricsCollector;
  readonly expectations: ExpectationMonitor;
  readonly endTime: number;
  private readonly fired = new Map<string, number>();
  private readonly actionContext: ActionContext;
  /** Why the run stopped early: a failWhen matched, or a step could not be performed. */
  abortedBy: string | undefined;
  readonly stepErrors: string[] = [];

  constructor(readonly scenario: ResolvedScenario, readonly architecture: Architecture, options: ScenarioRunOptions = {}) {
    this.metrics = new MetricsCollector(brandAssignmentOf(scenario));
    // The engine's native SHA-256 and UTF-8 decoder.
    this.sim = new Simulation(simulationSpecOf(scenario, architecture), {
      ...nodeEventLogHost(), signatures: options.signatures ?? nodeEd25519(), listeners: options.listeners ?? [],
    });
    const gridSpec = gridOf(scenario);
    this.apps = installStandardApps(this.sim, gridSpec ?? DEFAULT_GRID);
    this.grid = gridSpec ? new GridMonitor(this.sim, gridSpec) : undefined;
    this.household = installHousehold(this.sim, scenario, this.apps.charging, options.agentOverride);
    // The attacker's wiretap must see the run from its first message, so it exists only when an attack is scripted.
    const attacks = scenario.steps.some((step) => step.actions.some((action) => action.type === 'attack'));
    this.actionContext = {
      sim: this.sim, apps: this.apps, ...(attacks ? { attacker: new Attacker(this.sim) } : {}),
      ...(options.chargingOverride ? { chargingOverride: options.chargingOverride } : {}),
    };
    this.endTime = scenario.duration;
    this.expectations = new ExpectationMonitor(this.sim, scenario.expect, this.endTime);
    const match = { readState: twinReader(this.sim) };
    this.sim.kernel.events.onEvent((event) => {
      this.metrics.observe(event);
      if (this.abortedBy !== undefined) return;
      for (const condition of scenario.failWhen) {
        if (matchesEvent(condition.event, event, match)) this.abortedBy = `failWhen ${condition.id}: ${describePattern(condition.event)} at t=${Math.round(event.t)} ms`;
      }
    });
    for (const step of scenario.steps) this.arm(step);
  }

  get actionHooks(): ActionContext {
    return this.actionContext;
  }

  get finished(): boolean {
    const next = this.sim.kernel.clock.nextTime();
    return this.abortedBy !== undefined || next === undefined || next > this.endTime;
  }

  /** Run as fast as the simulation allows, until the end time or an abort. */
  runToEnd(): void {
    const clock = this.sim.kernel.clock;
    while (!this.finished) clock.step();
    if (this.abortedBy === undefined) clock.runUntil(this.endTime);
  }

  stepFiredAt(id: string): number | undefined {
    return this.fired.get(id);
  }

  private arm(step: Step): void {
    const { sim } = this;
    const trigger = step.trigger;
    switch (trigger.kind) {
      case 'at':
        sim.kernel.scheduler.scheduleAt(trigger.at, () => this.fire(step), `step:${step.id}`);
        return;
      case 'after':
        return; // fired by the step it follows, see fire()
      case 'event': {
        const off = sim.kernel.events.onEvent((event) => {
          if (!this.fired.has(step.id) && matchesEvent(trigger.event, event, { readState: twinReader(sim) })) {
            off();
            sim.kernel.scheduler.schedule(0, () => this.fire(step), `step:${step.id}`);
          }
        });
        return;
      }
      case 'geofence': {
        const vehicle = sim.vehicle(trigger.vehicle);
        const place = sim.placeFor(trigger.fence, vehicle.spec.homeId);
        const fenceId = `step:${step.id}`;
        sim.addFence({ id: fenceId, center: { x: place.x, y: place.y }, radiusM: trigger.radiusM ?? (trigger.fence === 'home' ? sim.spec.homeGeofenceRadiusM ?? 1000 : 500) }, trigger.vehicle);
        const off = sim.kernel.events.onEvent((event) => {
          if (event.type === `geofence.${trigger.event}` && event.source === `vehicle/${trigger.vehicle}` && event.data.fence === fenceId && !this.fired.has(step.id)) {
            off();
            this.fire(step);
          }
        });
        return;
      }
    }
  }

  private fire(step: Step): void {
    if (this.fired.has(step.id) || this.abortedBy !== undefined) return;
    this.fired.set(step.id, this.sim.now);
    this.sim.kernel.events.emit('step.fired', 'scenario', { step: step.id });
    for (const action of step.actions) {
      try {
        performAction(this.actionContext, action);
      } catch (err) {
        const message = `step ${step.id}: ${action.type} failed: ${(err as Error).message}`;
        this.stepErrors.push(message);
        this.sim.kernel.events.emit('step.error', 'scenario', { step: step.id, error: (err as Error).message });
      }
    }
    for (const next of this.scenario.steps) {
      if (next.trigger.kind === 'after' && next.trigger.step === step.id) {
        this.sim.kernel.scheduler.schedule(next.trigger.delay, () => this.fire(next), `step:${next.id}`);
      }
    }
  }
}

function gridOf(scenario: ResolvedScenario): GridSpec | undefined {
  const grid = scenario.entities.grid;
  if (grid === undefined) return undefined;
  const tariff = grid.tariff;
  return {
    ...DEFAULT_GRID,
    transformerKva: grid.transformerKva,
    ...(tariff ? {
      peakStartMin: tariff.peak[0], peakEndMin: tariff.peak[1], peakPrice: tariff.peakPrice, offPeakPrice: tariff.offPeakPrice, currency: tariff.currency,
    } : {}),
  };
}
