// A household living several weeks (issue #21 part 4): its routine with noise and exceptions, which agent serves
// it, and from which day the agent is judged. The runner turns it into twins/sim/proactive's plan and apps.
import { z } from 'zod';
import { Duration, Id, TimeOfDay } from './schema-kit';

export const AGENT_KINDS = ['learning', 'always', 'frozen', 'rules', 'external'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const DayIndex = z.int().min(0).max(365).describe('Day of the run, 0 = the first.');

export const HouseholdSchema = z
  .strictObject({
    user: Id.optional().describe('The user the agent asks (on their phone) and whose taps are counted.'),
    vehicle: Id.describe('The household car; it must have a home.'),
    startsOn: z.enum(DAY_NAMES).default('monday').describe('Weekday of the run\'s first day.'),
    agent: z.enum(AGENT_KINDS).default('learning').describe(
      'Who serves the household: `learning` (the built-in routine-learning agent), `always` (acts every day at fixed times: a negative control), '
      + '`frozen` (the learner with learning disabled: a negative control), `rules` (stage-2 rules only, the baseline), '
      + '`external` (no built-in agent: one connected over MCP acts, `twinbench mcp`).',
    ),
    model: z.string().min(1).max(4096).optional().describe('A routine model learnt beforehand (`twinbench learn … --out model.json`), relative to this file: the agent starts from it.'),
    learnDays: z.int().min(0).max(365).default(14).describe('Days the agent learns before it is judged; metrics count from this day on.'),
    windowMin: z.number().positive().max(720).default(60).describe('An action is needed when the departure or arrival it prepares comes within this many minutes.'),
    temperature: z.number().min(16).max(30).default(24).describe('The set-point the people choose by hand, °C.'),
    chargeTo: z.number().min(10).max(100).optional().describe(
      'Parked at home, the driver plugs the car into the wallbox, charging to this % (at once, unless someone schedules it), and unplugs it to leave; without it the car is never plugged in.',
    ),
    darkFrom: TimeOfDay.optional().describe('When it gets dark over these weeks: arriving later, the people switch the living-room light on (unless it is on already).'),
    lighting: z.number().min(1).max(100).default(60).describe('The brightness (%) the people switch the light on to.'),
    routine: z
      .strictObject({
        leave: TimeOfDay.describe('Workdays: the car leaves home.'),
        leaveWork: TimeOfDay.describe('Workdays: the car leaves work for home.'),
        saturday: z.strictObject({ leave: TimeOfDay, comeBack: TimeOfDay }).optional().describe('Saturday outing; Sunday the car stays home.'),
        jitter: Duration.default(600_000).describe('Standard deviation of each time (normal noise).'),
      })
      .describe('The household\'s routine.'),
    holidays: z.array(DayIndex).default([]).describe('Calendar holidays: nobody leaves, and the calendar tells the agent.'),
    sick: z.array(DayIndex).default([]).describe('Sick days: nobody leaves, unannounced.'),
    overtime: z.array(z.strictObject({ day: DayIndex, minutes: z.number().positive().max(600) })).default([]).describe('Evenings home late, unannounced.'),
  })
  .meta({ id: 'Household' })
  .describe('A household living weeks of routine, for judging proactive agents (scenarios/proactive-weeks.yaml).');

export type HouseholdEntity = z.output<typeof HouseholdSchema>;
export const weekdayIndex = (name: (typeof DAY_NAMES)[number]): number => DAY_NAMES.indexOf(name);
