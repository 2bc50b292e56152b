// Judging a proactive agent from the canonical stream alone (seed §4.1.3(2): task completion rate and
// proactive-service accuracy), so the built-in agent and an external one connected over MCP are scored by the
// same code on the same seed. An action is `agent.acted` (need: departure | arrival). It was **needed** when the
// household really left (`household.departed`) or really got home (`household.arrived`) within `windowMin` after
// it, and no earlier action already covered that event: ground truth, never the agent's own prediction.
//   proactive_accuracy  needed actions / actions taken (absent when none was taken: nothing to judge)
//   task_completion     departures and arrivals an agent's action covered / all of them
//   user_interactions   the people's taps: answers to questions, by-hand commands, rule prompts confirmed
//   energy_wasted_kwh   each unneeded action's energy: the cabin conditioned for its 30-minute limit, or the
//                       home AC run for the window until the agent stops it (constants below)
// Only days from `fromDay` on are judged: the first weeks are for learning.
import type { SimEvent } from '../../kernel/event-log';
import type { Need } from './household-app';

/** Cabin HVAC of a mid-size EV conditioning a hot cabin, kW, for its 30-minute preconditioning limit. */
export const CABIN_HVAC_KW = 3;
export const CABIN_PRECONDITION_H = 0.5;
/** A living-room split AC cooling, kW. */
export const HOME_AC_KW = 1.5;

export interface ProactiveScoreOptions {
  fromDay: number;
  windowMin: number;
  /** Score only the actions of this party (`party/mcp-agent`); every agent's when omitted. */
  party?: string | undefined;
}

export interface ProactiveScore {
  actions: number;
  needed: number;
  proactiveAccuracy: number | undefined;
  needs: number;
  covered: number;
  taskCompletion: number | undefined;
  questions: number;
  userInteractions: number;
  energyWastedKwh: number;
}

export class ProactiveScorer {
  private readonly actions: { t: number; need: Need }[] = [];
  private readonly truth: { t: number; need: Need }[] = [];
  private questions = 0;
  private interactions = 0;

  constructor(private readonly o: ProactiveScoreOptions) {}

  observe(event: Pick<SimEvent, 't' | 'type' | 'source' | 'data'>): void {
    const day = event.data.day;
    if (typeof day !== 'number' || day < this.o.fromDay) return;
    const partyOk = this.o.party === undefined || event.source === this.o.party;
    switch (event.type) {
      case 'household.departed': return void this.truth.push({ t: event.t, need: 'departure' });
      case 'household.arrived': return void this.truth.push({ t: event.t, need: 'arrival' });
      case 'user.interaction': return void this.interactions++;
      case 'agent.asked': if (partyOk) this.questions++; return;
      case 'agent.acted':
        if (partyOk && (event.data.need === 'departure' || event.data.need === 'arrival')) this.actions.push({ t: event.t, need: event.data.need });
        return;
    }
  }

  result(): ProactiveScore {
    const window = this.o.windowMin * 60_000;
    const covered = new Set<number>();
    let needed = 0;
    let wasted = 0;
    for (const action of [...this.actions].sort((a, b) => a.t - b.t)) {
      const i = this.truth.findIndex((e, j) => !covered.has(j) && e.need === action.need && e.t >= action.t && e.t <= action.t + window);
      if (i >= 0) {
        covered.add(i);
        needed++;
      } else {
        wasted += action.need === 'departure' ? CABIN_HVAC_KW * CABIN_PRECONDITION_H : HOME_AC_KW * (this.o.windowMin / 60);
      }
    }
    const actions = this.actions.length;
    const needs = this.truth.length;
    return {
      actions, needed, proactiveAccuracy: actions === 0 ? undefined : round(needed / actions),
      needs, covered: covered.size, taskCompletion: needs === 0 ? undefined : round(covered.size / needs),
      questions: this.questions, userInteractions: this.interactions, energyWastedKwh: round(wasted),
    };
  }
}

/** The score as named metrics under `prefix` (`agent`, `baseline`): a rate of nothing is absent, not 0 or 1. */
export function namedScore(prefix: string, s: ProactiveScore): Record<string, number> {
  return {
    [`${prefix}.actions`]: s.actions, [`${prefix}.actions_needed`]: s.needed, [`${prefix}.needs`]: s.needs,
    [`${prefix}.questions`]: s.questions, [`${prefix}.user_interactions`]: s.userInteractions, [`${prefix}.energy_wasted_kwh`]: s.energyWastedKwh,
    ...(s.proactiveAccuracy !== undefined ? { [`${prefix}.proactive_accuracy`]: s.proactiveAccuracy } : {}),
    ...(s.taskCompletion !== undefined ? { [`${prefix}.task_completion`]: s.taskCompletion } : {}),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The need a command prepares, whoever sends it: conditioning the car's cabin prepares a departure, the home's
 * climate an arrival. How an external agent's commands (MCP) become `agent.acted` actions, judged like the built-in one's.
 */
export function needOfCommand(topic: string, target: string): Need | undefined {
  if (/^vehicle\/[^/]+$/.test(target) && ['vehicle_climate/precondition', 'vehicle_climate/turn_on', 'vehicle_remote/remote_start'].includes(topic)) return 'departure';
  if (/^home\/[^/]+\/climate\./.test(target) && ['climate/set_temperature', 'climate/set_hvac_mode', 'climate/turn_on'].includes(topic)) return 'arrival';
  return undefined;
}
