// Puts a scenario's household (entities.household) into a run: the plan of its days drawn from the seed, the
// household living it, the agent that serves it, and the scorer that judges that agent from the canonical stream.
// The same scorer judges an external agent over MCP (`agent: external`): it scores every `agent.acted`.
import { gatewayAddress } from '../../twins/bus/addresses';
import { planHousehold } from '../../twins/sim/proactive/household';
import { HouseholdApp } from '../../twins/sim/proactive/household-app';
import { ProactiveAgent } from '../../twins/sim/proactive/proactive-agent';
import { ProactiveScorer } from '../../twins/sim/proactive/proactive-score';
import type { ChargingApp } from '../../twins/sim/apps/charging-app';
import type { Simulation } from '../../twins/sim/simulation';
import { stateOfChargeAt, type TractionBatteryContext } from '../../twins/vehicle/battery-physics';
import type { ResolvedScenario } from '../scenario';
import { weekdayIndex, type AgentKind } from '../scenario/schema-household';
import { readRoutineModel } from './routine-model-file';

export interface HouseholdRun {
  agentKind: AgentKind;
  household: HouseholdApp;
  agent: ProactiveAgent | undefined;
  scorer: ProactiveScorer;
}

/** The run's charging app: the wallbox the driver plugs into, and the tariff its energy is priced with. */
export function installHousehold(sim: Simulation, scenario: ResolvedScenario, charging: ChargingApp, override?: AgentKind): HouseholdRun | undefined {
  const spec = scenario.entities.household;
  if (spec === undefined) return undefined;
  const vehicle = sim.vehicles.get(spec.vehicle);
  const homeId = vehicle?.spec.homeId;
  if (vehicle === undefined || homeId === undefined || !sim.homes.has(homeId)) {
    throw new Error(`entities.household.vehicle: "${spec.vehicle}" must be a vehicle of the scene with a home`);
  }
  const days = Math.ceil((scenario.duration + scenario.startTime.minutes * 60_000) / 86_400_000);
  const startWeekday = weekdayIndex(spec.startsOn);
  const plans = planHousehold({
    workday: { leave: spec.routine.leave, leaveWork: spec.routine.leaveWork },
    saturday: spec.routine.saturday, jitterMin: spec.routine.jitter / 60_000,
  }, { holidays: spec.holidays, sick: spec.sick, overtime: spec.overtime }, days, startWeekday, sim.kernel.random.stream('household'));
  const chargeTo = spec.chargeTo;
  const household = new HouseholdApp(sim, spec.vehicle, homeId, plans, spec.temperature, {
    charger: chargeTo === undefined ? undefined : {
      readySocPercent: chargeTo,
      app: {
        // The charging app plugs in for an energy; the driver's wish is a charge level.
        plugIn: (vehicleId) => {
          const battery = sim.vehicle(vehicleId).parts.battery.context as unknown as TractionBatteryContext;
          charging.plugIn(vehicleId, Math.max(0, ((chargeTo - stateOfChargeAt(battery, sim.now)) / 100) * battery.capacityKwh));
        },
        unplug: (vehicleId) => charging.unplug(vehicleId),
      },
    },
    darkFromMin: spec.darkFrom, lightingPct: spec.lighting,
  });
  sim.use(household);
  const agentKind = override ?? spec.agent;
  let agent: ProactiveAgent | undefined;
  if (agentKind === 'learning' || agentKind === 'always' || agentKind === 'frozen') {
    agent = new ProactiveAgent(sim, {
      vehicleId: spec.vehicle, homeId, userId: spec.user, policy: agentKind, occupant: household, startWeekday, holidays: spec.holidays, windowMin: spec.windowMin,
      tariff: chargeTo !== undefined ? charging.grid : undefined, darkFromMin: spec.darkFrom,
      model: spec.model !== undefined && agentKind !== 'always' ? readRoutineModel(spec.model, scenario.sourceFile) : undefined,
    });
    sim.use(agent);
  }
  const scorer = new ProactiveScorer({
    fromDay: spec.learnDays, windowMin: spec.windowMin, ...(agent ? { party: agent.party } : {}),
    evse: sim.home(homeId).firstOfType('evse')?.id, tariff: charging.grid, startOfDayMs: sim.spec.startTimeOfDayMs ?? 0,
    homeSenders: [...new Set([gatewayAddress(homeId), sim.automationHost(homeId)])],
  });
  sim.kernel.events.onEvent((event) => scorer.observe(event));
  return { agentKind, household, agent, scorer };
}
