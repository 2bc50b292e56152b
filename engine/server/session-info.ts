// The static half of a live session, sent once when a scenario loads: the map, the homes and cars on it, the
// steps and expectations for the timeline, the screens the device panel shows and every twin's address.
import type { SessionInfo, StepInfo } from '../../protocol';
import type { ScenarioRun } from '../runner/scenario-run';
import type { Step } from '../scenario';
import { describePattern } from '../runner/event-matcher';
import { isAnsweredByHand } from './hands-on';
import { geofencesOf } from './geofence-view';
import { mapGeometryOf } from './map-geometry';
import { watchedScreens } from './snapshot';
import { twinList } from './twin-view';

export function describeTrigger(step: Step): string {
  const t = step.trigger;
  switch (t.kind) {
    case 'at':
      return `at ${formatSeconds(t.at)}`;
    case 'after':
      return `after ${t.step}${t.delay > 0 ? ` + ${formatSeconds(t.delay)}` : ''}`;
    case 'event':
      return `on ${describePattern(t.event)}`;
    case 'geofence':
      return `${t.vehicle} ${t.event}s ${t.fence}`;
  }
}

function formatSeconds(ms: number): string {
  return ms % 60_000 === 0 && ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

export function sessionInfoOf(run: ScenarioRun, handle: string, handsOn: boolean, originalSteps: readonly Step[]): SessionInfo {
  const { sim, scenario } = run;
  const steps: StepInfo[] = scenario.steps.map((step, i) => {
    const original = originalSteps[i] ?? step;
    const byHand = handsOn && isAnsweredByHand(original);
    return {
      id: step.id,
      ...(original.description !== undefined ? { description: original.description } : {}),
      trigger: byHand ? `${describeTrigger(original)} — waits for your tap` : describeTrigger(step),
      byHand,
    };
  });
  return {
    scenario: scenario.scenario,
    title: scenario.title ?? scenario.scenario,
    file: handle,
    architecture: run.architecture,
    seed: scenario.seed,
    parameters: { ...scenario.parameterValues },
    endTime: run.endTime,
    startTimeOfDayMs: sim.spec.startTimeOfDayMs ?? 0,
    handsOn,
    map: mapGeometryOf(sim.city),
    homes: [...sim.homes.values()].map((h) => ({ id: h.id, placeId: h.place.id, x: h.place.x, y: h.place.y })),
    vehicles: [...sim.vehicles.values()].map((v) => ({
      id: v.id, ...(v.spec.homeId !== undefined ? { homeId: v.spec.homeId } : {}), ...(v.spec.ownerId !== undefined ? { ownerId: v.spec.ownerId } : {}),
    })),
    steps,
    expectations: scenario.expect.map((e) => ({ id: e.id, kind: e.kind, ...(e.description !== undefined ? { description: e.description } : {}) })),
    screens: watchedScreens(sim),
    geofences: geofencesOf(sim, watchedScreens(sim).find((s) => s.role === 'car')?.address.split('/')[1]),
    twins: twinList(sim),
  };
}
