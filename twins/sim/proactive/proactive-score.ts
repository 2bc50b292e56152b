// Judging a proactive agent from the canonical stream alone (seed §4.1.3(2): task completion rate and
// proactive-service accuracy), so the built-in agent and an external one connected over MCP are scored by the
// same code on the same seed. An action is `agent.acted` (need: departure | arrival). It was **needed** when the
// trip it prepares really started within `windowMin` after it — the household leaving home (`household.departed`),
// or setting off for home on the drive that ends in `household.arrived` (the car's own `trip.started`), the arrival
// itself coming after the action — and no earlier action already covered that event: ground truth, never the agent's
// own prediction. (Set off, not arrived: an agent keeps the home ready for a car on its way, as the built-in one
// does; judged by the arrival, an evening's precool kept on for her was "unneeded" if the drive ended a minute or
// two past the window, though it served her — found across seeds: proactive-weeks 46, 63, 212, 233.)
//   proactive_accuracy  needed actions / actions taken (absent when none was taken: nothing to judge)
//   task_completion     departures and arrivals an agent's action covered / all of them
//   user_interactions   the people's taps: answers to questions, by-hand commands, rule prompts confirmed
//   energy_wasted_kwh   each unneeded action's energy: the cabin conditioned for its 30-minute limit, or the
//                       home AC run for the window until the agent stops it (constants below)
// Lighting: a `lighting` action is needed when the household arrived after dark (`household.arrived` with `dark`)
// within the window: they would have switched the light on themselves. Charging: a `charging` action (a deferral to
// off-peak hours) is needed when the car really left within `CHARGING_HORIZON_H` after it (it needed the charge by
// then, or the morning after: a charge deferred for the sick day still went into the next day's trip). Every departure says the charge the car left with (`household.departed`
// socPercent / readySocPercent): charging_ready_rate is the share that left with it, whoever charged them; and the
// household's wallbox is metered from its `evse.power_changed` events, priced with the tariff:
//   charging_kwh, charging_peak_kwh, charging_cost   what the car drew, in the peak, and what it cost
// commands_failed counts the messages the home side sent for the household (the agent's, the people's app's:
// `homeSenders`) that failed: under `local` the car is reachable only in near-field range, so an agent that tried
// to reach it from afar would show here.
// Only days from `fromDay` on are judged: the first weeks are for learning.
import type { SimEvent } from '../../kernel/event-log';
import { chargingCost, peakEnergyKwh, type Tariff } from './charging-plan';
import { DAY_MS } from './household';
import type { Need } from './household-app';

/** Cabin HVAC of a mid-size EV conditioning a hot cabin, kW, for its 30-minute preconditioning limit. */
export const CABIN_HVAC_KW = 3;
export const CABIN_PRECONDITION_H = 0.5;
/** A living-room split AC cooling, kW. */
export const HOME_AC_KW = 1.5;
/** A living-room LED light, kW. */
export const LIGHT_KW = 0.015;
/**
 * A charging deferral is needed when the car really leaves within this many hours of it: the next morning, or the
 * morning after a calendar holiday. Later, nothing it charged went into a trip of the household's routine.
 */
export const CHARGING_HORIZON_H = 48;
/** A car leaves ready when its charge is within this many points of the one it was plugged in for. */
const READY_TOLERANCE_PCT = 0.5;
const NEEDS: ReadonlySet<string> = new Set(['departure', 'arrival', 'charging', 'lighting']);

export interface ProactiveScoreOptions {
  fromDay: number;
  windowMin: number;
  /** Score only the actions of this party (`party/mcp-agent`); every agent's when omitted. */
  party?: string | undefined;
  /** The household's wallbox (`home/h1/evse.wallbox`) and tariff: with both, its charging is metered and priced. */
  evse?: string | undefined;
  tariff?: Tariff | undefined;
  startOfDayMs?: number | undefined;
  /** Addresses the household's home sends from (its gateway, its automation host): their failed messages are counted. */
  homeSenders?: readonly string[] | undefined;
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
  commandsFailed: number;
  /** Departures that said their charge, and those that left with the charge they were plugged in for. */
  departuresCharged: number;
  chargingReadyRate: number | undefined;
  chargingKwh: number | undefined;
  chargingPeakKwh: number | undefined;
  chargingCost: number | undefined;
}

export class ProactiveScorer {
  private readonly actions: { t: number; need: Need }[] = [];
  /** `t`: when the event happened; `setOff`: when the trip it ends started (an arrival), else `t`. */
  private readonly truth: { t: number; need: Need; setOff: number }[] = [];
  /** The last trip each car started (`vehicle/car1` → t), from its drive twin's `trip.started`. */
  private readonly tripStarted = new Map<string, number>();
  private questions = 0;
  private interactions = 0;
  private commandsFailed = 0;
  private departuresCharged = 0;
  private departuresReady = 0;
  private readonly meter = { t: 0, kw: 0, kwh: 0, peakKwh: 0, cost: 0, lastT: 0 };

  constructor(private readonly o: ProactiveScoreOptions) {}

  observe(event: Pick<SimEvent, 't' | 'type' | 'source' | 'data'>): void {
    this.meter.lastT = event.t;
    if (event.type === 'evse.power_changed' && event.source === this.o.evse && typeof event.data.deliveredPowerKw === 'number') {
      this.meterUntil(event.t);
      this.meter.kw = event.data.deliveredPowerKw;
      return;
    }
    if (event.type === 'trip.started' && event.source.endsWith('/drive')) {
      this.tripStarted.set(event.source.slice(0, -'/drive'.length), event.t);
      return;
    }
    if (event.type === 'msg.failed') {
      if (this.o.homeSenders?.includes(String(event.data.source)) === true && event.t >= this.o.fromDay * DAY_MS - (this.o.startOfDayMs ?? 0)) this.commandsFailed++;
      return;
    }
    const day = event.data.day;
    if (typeof day !== 'number' || day < this.o.fromDay) return;
    const partyOk = this.o.party === undefined || event.source === this.o.party;
    switch (event.type) {
      case 'household.departed':
        this.truth.push({ t: event.t, need: 'departure', setOff: event.t });
        if (typeof event.data.socPercent === 'number' && typeof event.data.readySocPercent === 'number') {
          this.departuresCharged++;
          if (event.data.socPercent >= event.data.readySocPercent - READY_TOLERANCE_PCT) this.departuresReady++;
        }
        return;
      case 'household.arrived': {
        const setOff = Math.min(event.t, this.tripStarted.get(event.source) ?? event.t);
        this.truth.push({ t: event.t, need: 'arrival', setOff });
        if (event.data.dark === true) this.truth.push({ t: event.t, need: 'lighting', setOff });
        return;
      }
      case 'user.interaction': return void this.interactions++;
      case 'agent.asked': if (partyOk) this.questions++; return;
      case 'agent.acted':
        if (partyOk && typeof event.data.need === 'string' && NEEDS.has(event.data.need)) this.actions.push({ t: event.t, need: event.data.need as Need });
        return;
    }
  }

  /** Adds the wallbox's draw since the last change (at constant power), from the first judged day on. */
  private meterUntil(t: number): void {
    const m = this.meter;
    const startOfDay = this.o.startOfDayMs ?? 0;
    const from = Math.max(m.t, this.o.fromDay * DAY_MS - startOfDay);
    if (m.kw > 0 && t > from && this.o.tariff !== undefined) {
      m.kwh += (m.kw * (t - from)) / 3_600_000;
      m.peakKwh += peakEnergyKwh(from, t, m.kw, this.o.tariff, startOfDay);
      m.cost += chargingCost(from, t, m.kw, this.o.tariff, startOfDay);
    }
    m.t = t;
  }

  result(): ProactiveScore {
    const window = this.o.windowMin * 60_000;
    const covered = new Set<number>();
    // A deferral prepares a departure hours ahead; it covers its own departures, not the cabin's.
    const chargingCovered = new Set<number>();
    let needed = 0;
    let wasted = 0;
    for (const action of [...this.actions].sort((a, b) => a.t - b.t)) {
      const charging = action.need === 'charging';
      const seen = charging ? chargingCovered : covered;
      const horizon = charging ? CHARGING_HORIZON_H * 3_600_000 : window;
      const wanted = charging ? 'departure' : action.need;
      const i = this.truth.findIndex((e, j) => !seen.has(j) && e.need === wanted && e.t >= action.t && e.setOff <= action.t + horizon);
      if (i >= 0) {
        seen.add(i);
        needed++;
      } else {
        wasted += WASTE_KWH[action.need] * (action.need === 'arrival' || action.need === 'lighting' ? this.o.windowMin / 60 : 1);
      }
    }
    this.meterUntil(this.meter.lastT);
    const metered = this.o.evse !== undefined && this.o.tariff !== undefined;
    const actions = this.actions.length;
    const needs = this.truth.length;
    return {
      actions, needed, proactiveAccuracy: actions === 0 ? undefined : round(needed / actions),
      needs, covered: covered.size, taskCompletion: needs === 0 ? undefined : round(covered.size / needs),
      questions: this.questions, userInteractions: this.interactions, energyWastedKwh: round(wasted), commandsFailed: this.commandsFailed,
      departuresCharged: this.departuresCharged, chargingReadyRate: this.departuresCharged === 0 ? undefined : round(this.departuresReady / this.departuresCharged),
      chargingKwh: metered ? round(this.meter.kwh) : undefined, chargingPeakKwh: metered ? round(this.meter.peakKwh) : undefined,
      chargingCost: metered ? round(this.meter.cost) : undefined,
    };
  }
}

/**
 * The energy of an unneeded action: the cabin conditioned for its 30-minute limit; the home AC or light per hour
 * of the window until the agent switches it off; a charge deferred for nobody wastes nothing (the car keeps it).
 */
const WASTE_KWH: Record<Need, number> = { departure: CABIN_HVAC_KW * CABIN_PRECONDITION_H, arrival: HOME_AC_KW, lighting: LIGHT_KW, charging: 0 };

/** The metric names of a score, after its prefix (`agent.` or `baseline.`): the validator's catalogue reads these. */
export const SCORE_METRICS = [
  'actions', 'actions_needed', 'needs', 'questions', 'user_interactions', 'energy_wasted_kwh', 'proactive_accuracy', 'task_completion',
  'charging_ready_rate', 'charging_kwh', 'charging_peak_kwh', 'charging_cost', 'commands_failed',
] as const;
type ScoreMetric = (typeof SCORE_METRICS)[number];

/** The score as named metrics under `prefix` (`agent`, `baseline`): a rate of nothing is absent, not 0 or 1. */
export function namedScore(prefix: string, s: ProactiveScore): Record<string, number> {
  const values: Record<ScoreMetric, number | undefined> = {
    actions: s.actions, actions_needed: s.needed, needs: s.needs, questions: s.questions, user_interactions: s.userInteractions,
    energy_wasted_kwh: s.energyWastedKwh, proactive_accuracy: s.proactiveAccuracy, task_completion: s.taskCompletion,
    charging_ready_rate: s.chargingReadyRate, charging_kwh: s.chargingKwh, charging_peak_kwh: s.chargingPeakKwh, charging_cost: s.chargingCost,
    commands_failed: s.commandsFailed,
  };
  const named: Record<string, number> = {};
  for (const name of SCORE_METRICS) if (values[name] !== undefined) named[`${prefix}.${name}`] = values[name];
  return named;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The need a command prepares, whoever sends it: conditioning the car's cabin prepares a departure, the home's
 * climate an arrival, its light a dark arrival, holding the wallbox at 0 kW (a deferral) the charge for a departure.
 * How an external agent's commands (MCP) become `agent.acted` actions, judged like the built-in one's.
 */
export function needOfCommand(topic: string, target: string, data: { [key: string]: unknown } = {}): Need | undefined {
  if (/^vehicle\/[^/]+$/.test(target) && ['vehicle_climate/precondition', 'vehicle_climate/turn_on', 'vehicle_remote/remote_start'].includes(topic)) return 'departure';
  if (/^home\/[^/]+\/climate\./.test(target) && ['climate/set_temperature', 'climate/set_hvac_mode', 'climate/turn_on'].includes(topic)) return 'arrival';
  if (/^home\/[^/]+\/light\./.test(target) && topic === 'light/turn_on') return 'lighting';
  if (/^home\/[^/]+\/evse\./.test(target) && topic === 'evse/set_power_limit' && data.power_limit_kw === 0) return 'charging';
  return undefined;
}
