// Negative controls: every shipped scene, run with the behaviour its expectations exist to catch, must FAIL, and
// fail on the expectations that name that behaviour. A scene whose checks pass whatever happens proves nothing,
// so a new file in scenarios/ without an entry here fails the first test.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecurityAgent, type Verdict } from '../../twins/security';
import { GrantRegistry } from '../../twins/security/access-grants';
import { VoiceAssistant } from '../../twins/sim/apps';
import { DEFAULT_GRID } from '../../twins/sim/apps/grid';
import { ChargingScheduler } from '../../twins/sim/proactive/agent-charging';
import { ProactiveAgent } from '../../twins/sim/proactive/proactive-agent';
import type { ChargingPlan } from '../../twins/sim/proactive/charging-plan';
import { TwinActor } from '../../twins/sim/twin-actor';
import { shippedScenarioFiles } from '../cli/list-command';
import { loadScenarioText } from '../scenario';
import { runScenario } from './run-scenario';

interface Control {
  /** The wrong behaviour, in words. */
  what: string;
  /** Text replacements applied to the YAML (each must change it, so a control cannot rot silently). */
  mutate?: [string, string][];
  /** Parameter overrides (`--set`). */
  set?: Record<string, string>;
  /** Installs a fault in the simulation for the run (undone after each test). */
  fault?: () => void;
  /** Expectations (or `abort`: a failWhen ended the run) that must be among the failures. */
  mustFail: string[];
}

/** The home accepts every command, verified or not: the attack scenes pass only because attacks are refused. */
const acceptEverything = (): void => {
  // Every party's check passes: the home cloud's authorisation and the gateway's verification, at every hop.
  for (const check of ['verify', 'authorise'] as const) {
    vi.spyOn(SecurityAgent.prototype, check).mockImplementation(() => ({ ok: true, sender: { id: 'anyone' }, grant: undefined }) as unknown as Verdict);
  }
};

/** The authoriser (the home cloud) passes every command on unchecked; the gateway's own checks still run. */
const authoriserPassesAll = (): void => {
  vi.spyOn(SecurityAgent.prototype, 'authorise').mockImplementation(() => ({ ok: true, sender: { id: 'anyone' }, grant: undefined }) as unknown as Verdict);
};

/** The speaker's answers are off by two (stale or made-up numbers): the content checks compare with live state. */
const answersOffByTwo = (): void => {
  type Announce = (homeId: string, from: string, message: string, cause: unknown) => void;
  const proto = VoiceAssistant.prototype as unknown as { announce: Announce };
  const original = proto.announce;
  vi.spyOn(proto, 'announce').mockImplementation(function (this: unknown, homeId, from, message, cause) {
    original.call(this, homeId, from, message.replace(/\d+/g, (n) => String(Number(n) + 2)), cause);
  });
};

/**
 * The controller plans up to the whole transformer rating instead of 80 % of it. Every scene's grid starts from
 * DEFAULT_GRID (the scene sets the rating and tariff, not the planning share), so this is the controller's limit.
 */
const planToFullRating = (): void => {
  const share = DEFAULT_GRID.maxLoadShare;
  DEFAULT_GRID.maxLoadShare = 1;
  undo.push(() => { DEFAULT_GRID.maxLoadShare = share; });
};
const undo: (() => void)[] = [];

/** The energy manager forgets the car's floor: the battery is told it may give everything. */
const forgetTheReserve = (): void => {
  const send = TwinActor.prototype.send;
  vi.spyOn(TwinActor.prototype, 'send').mockImplementation(function (this: TwinActor, event) {
    send.call(this, event.type === 'DISCHARGE.START' ? { ...event, floorSocPercent: 0 } : event);
  });
};
/** The grant registry takes note of a revocation but revokes nothing. */
const ignoreRevocations = (): void => {
  vi.spyOn(GrantRegistry.prototype, 'revoke').mockImplementation(() => []);
};
/** The agent defers the car's charging but gives the wallbox its power back twelve hours late: after the car has left. */
const chargeTooLate = (): void => {
  type Defer = (evse: TwinActor, plan: ChargingPlan, kw: number, confidence: number, explanation: string) => void;
  const proto = ChargingScheduler.prototype as unknown as { defer: Defer };
  const original = proto.defer;
  vi.spyOn(proto, 'defer').mockImplementation(function (this: unknown, evse, plan, kw, confidence, explanation) {
    original.call(this, evse, { ...plan, startAt: plan.startAt + 12 * 3_600_000 }, kw, confidence, explanation);
  });
};
/** Preparing each arrival, the agent also preconditions the car — parked at work, beyond near-field range under local. */
const preconditionTheCarAway = (): void => {
  type Act = (need: string, confidence: number, explanation: string) => void;
  const proto = ProactiveAgent.prototype as unknown as { act: Act };
  const original = proto.act;
  vi.spyOn(proto, 'act').mockImplementation(function (this: unknown, need, confidence, explanation) {
    original.call(this, need, confidence, explanation);
    if (need === 'arrival') original.call(this, 'departure', confidence, explanation);
  });
};
const V2H_STEP = 'do: { v2h: { vehicle: "*", firstTripKm: "${firstTripKm}", reserveKwh: "${reserveKwh}", mode: "${mode}" } }';

const CONFIRM = 'do: { confirm: { screen: vehicle/car1 } }';

/** pilot-district with a hub integration mistake; only cloud-cloud crosses the hub, so only it is run. */
const withHub = (hub: string): [string, string][] => [
  ['architectures: [cloud-cloud, direct]', 'architectures: [cloud-cloud]'],
  ['\nentities:\n', `\nhub: ${hub}\nentities:\n`],
];
const DECLINE = 'do: { decline: { screen: vehicle/car1 } }';

const CONTROLS: Record<string, Control[]> = {
  'attack-expired-token': [{ what: 'the home accepts an expired grant', fault: acceptEverything, mustFail: ['refused-as-expired', 'abort'] }],
  'attack-forged-unlock': [{ what: 'the home accepts a forged signature', fault: acceptEverything, mustFail: ['refused-as-forged', 'abort'] }],
  'attack-replayed-unlock': [{ what: 'the home accepts a replayed unlock', fault: acceptEverything, mustFail: ['refused-as-replayed', 'locked-after-the-replay', 'stays-locked'] }],
  'attack-unpaired-car': [
    { what: 'the home accepts an unpaired car', fault: acceptEverything, mustFail: ['refused-as-unpaired', 'abort'] },
    // The gateway still refuses it, but one hop late: the scene pins the refusal to the home cloud's hop.
    { what: 'the home cloud leaves its check to the gateway', fault: authoriserPassesAll, mustFail: ['refused-as-unpaired'] },
  ],
  'car-voice-home-control': [
    {
      what: 'the assistant mis-routes a room (the hallway light for the living room)',
      mutate: [['utterance: "Turn on the living room light"', 'utterance: "Turn on the hallway light"']],
      mustFail: ['living-room-light-on', 'hallway-light-untouched', 'light-on-at-end'],
    },
    {
      what: 'the Chinese phrasings are near-misses the grammar must not guess',
      mutate: [['"打开客厅的窗帘"', '"打开客厅的窗户"'], ['"把卧室的空调调到26度"', '"把卧室的空调调到5度"'], ['"在家布防"', '"在家不妨"']],
      mustFail: ['curtains-opened-in-chinese', 'bedroom-ac-setpoint-in-chinese', 'armed-home-in-chinese', 'only-the-near-miss-not-understood'],
    },
    {
      what: 'the lock question is one the grammar does not cover',
      mutate: [['"Is my car locked?"', '"Is my house locked?"']],
      mustFail: ['locked-answer-says-live-lock', 'lock-answer-on-panel', 'only-the-near-miss-not-understood', 'no-answer-is-an-apology'],
    },
    {
      what: 'the sweep is a near-miss, and the tap starts the vacuum instead of stopping it',
      mutate: [['utterance: "扫地"', 'utterance: "扫码"'], ['control: vacuum.stop', 'control: vacuum.start']],
      mustFail: ['vacuum-sweeping-in-chinese', 'only-the-near-miss-not-understood', 'vacuum-stopped-by-a-tap', 'vacuum-idle-at-end'],
    },
    { what: 'the home accepts the car\'s disarm', fault: acceptEverything, mustFail: ['disarm-from-car-signed-and-refused', 'never-disarmed', 'armed-home-in-chinese'] },
    {
      what: 'the speaker answers numbers the car does not have',
      fault: answersOffByTwo,
      mustFail: ['charging-answer-says-live-charge', 'range-answer-says-live-range', 'tyres-answer-says-live-pressures', 'location-answer-says-live-position'],
    },
  ],
  'charging-peak-shaving': [
    { what: 'uncontrolled charging', set: { strategy: 'uncontrolled' }, mustFail: ['transformer-below-80-percent', 'peak-reduced-40-percent', 'no-charging-in-tariff-peak'] },
    // The default evening never needs the limit (the valley is filled well below it), so the wrong limit shows
    // only when the demand presses against it: ten EVs wanting 30 kWh each. With the right limit the same run
    // misses the EVs' targets but stays below 80 % (scenarios.test.ts); with this one it overloads the transformer.
    { what: 'a controller that plans up to 100 % of the rating', set: { evs: '10', needKwh: '30' }, fault: planToFullRating, mustFail: ['transformer-below-80-percent'] },
  ],
  // Run here without a CSMS (runScenario attaches no connectors): nobody sets a profile, every wallbox runs at its
  // maximum. The positive run against a coordinating CSMS is engine/connectors/ocpp/peak-shaving-ocpp.test.ts.
  'charging-peak-shaving-ocpp': [{ what: 'no CSMS sets charging profiles', mustFail: ['transformer-below-80-percent', 'peak-reduced-40-percent', 'no-charging-in-tariff-peak'] }],
  commute: [
    { what: 'the driver declines home mode', mutate: [[CONFIRM, DECLINE]], mustFail: ['lights-on', 'ac-on', 'purifier-on', 'curtains-open'] },
    { what: 'the leaving step waits for an entry instead of an exit', mutate: [['event: exit', 'event: enter']], mustFail: ['left-home-in-the-morning'] },
  ],
  doorbell: [{ what: 'the occupant declines', mutate: [[CONFIRM, DECLINE]], mustFail: ['unlocked-after-confirm', 'door-open-at-end', 'unlock-came-from-the-car'] }],
  'doorbell-declined': [
    { what: 'the occupant confirms after all', mutate: [['do: { "${answer}": { screen: vehicle/car1 } }', CONFIRM]], mustFail: ['prompt-declined-or-expired', 'abort'] },
  ],
  'doorbell-external': [{ what: 'the occupant declines', mutate: [[CONFIRM, DECLINE]], mustFail: ['unlocked-after-confirm', 'door-open-at-end'] }],
  'home-controls-car': [
    {
      what: 'every question is answered "Sorry, I can\'t help"',
      mutate: [["What's the tyre pressure of my car?", 'Sing a song'], ['How much range is left?', 'Sing another'], ["What's the ETA of my car?", 'And one more']],
      mustFail: ['tyres-answer-says-live-pressures', 'range-answer-says-live-range', 'eta-answer-says-live-eta', 'no-answer-is-an-apology'],
    },
    { what: 'the answers say numbers the car does not have', fault: answersOffByTwo, mustFail: ['tyres-answer-says-live-pressures', 'range-answer-says-live-range', 'eta-answer-says-live-eta'] },
  ],
  // Environment and calendar (issue #17 part 6).
  'heatwave-precool': [
    { what: 'precool is off: only home mode cools, at the 5-minute lead', mutate: [['precool: plan', 'precool: off']], mustFail: ['precool-planned', 'precool-starts-before-departure', 'cool-on-arrival'] },
    { what: 'no heatwave alert: nothing plans a precool', mutate: [['kind: heatwave', 'kind: rainstorm']], mustFail: ['precool-planned', 'cool-on-arrival', 'ac-at-precool-setpoint'] },
  ],
  'overtime-calendar': [
    { what: 'the home ignores the calendar (no overtime entry)', mutate: [['calendar: [{ title: Overtime, from: "18:00", to: "20:00" }]', 'calendar: []']], mustFail: ['departure-predicted-after-overtime', 'lights-off-during-overtime', 'evening-mode-for-the-late-arrival'] },
  ],
  'flood-reroute': [
    { what: 'a car that ignores floods drives through', mutate: [['at: work }', 'at: work, avoidFloods: false }']], mustFail: ['route-changed', 'eta-updated', 'never-enters-a-flooded-road'] },
  ],
  'pilot-district': [
    { what: 'the hub has no adapter for volta', mutate: withHub('{ missingAdapters: [volta] }'), mustFail: ['volta-thermia-succeeds', 'volta-lumo-succeeds', 'volta-nestor-usable'] },
    { what: "the hub's thermia adapter reads °F as °C", mutate: withHub('{ ignoreUnits: { thermia: [temperature] } }'), mustFail: ['no-setpoint-below-22'] },
    { what: "the hub's kodiak adapter reads °F as °C", mutate: withHub('{ ignoreUnits: { kodiak: [celsius] } }'), mustFail: ['no-setpoint-above-22'] },
    { what: "nestor's cloud stays healthy: no weak pair to report", mutate: [['kind: offline, duration: 25s', 'kind: degraded, duration: 1s']], mustFail: ['volta-nestor-outage-counted'] },
  ],
  // An agent that acts every day without learning wastes energy on weekends, holidays and sick days; with learning
  // disabled it never acts, so the people tap as often as with the rules alone; the rules alone are no agent.
  // Charging: nobody moves the charge out of the evening peak, or the agent moves it past the departure.
  'proactive-weeks': [
    { what: 'the agent acts every day at fixed times', set: { agent: 'always' }, mustFail: ['accurate', 'little-waste', 'cheaper-charging', 'no-peak-charging'] },
    { what: 'the agent\'s learning is disabled', set: { agent: 'frozen' }, mustFail: ['half-the-taps', 'most-tasks-done', 'cheaper-charging', 'no-peak-charging'] },
    { what: 'no agent, the stage-2 rules alone', set: { agent: 'rules' }, mustFail: ['half-the-taps', 'most-tasks-done', 'cheaper-charging'] },
    { what: 'the agent gives the wallbox its power back after the car has left', fault: chargeTooLate, mustFail: ['charged-by-departure'] },
    {
      what: 'under local, the agent commands the car while it is away at work',
      mutate: [['architectures: [cloud-cloud, local]', 'architectures: [local]']], fault: preconditionTheCarAway, mustFail: ['agent-commands-delivered', 'accurate'],
    },
  ],
  rainstorm: [{ what: 'a heatwave instead of the storm: nothing closes the window', mutate: [['kind: rainstorm', 'kind: heatwave']], mustFail: ['warning-on-panel', 'close-command-delivered', 'window-closed'] }],
  'v2h-tariff-peak': [
    {
      what: 'no V2H: the cars only charge',
      mutate: [[V2H_STEP, 'do: { charging: { strategy: coordinated } }']],
      mustFail: ['cars-fed-their-homes', 'peak-import-halved-or-better', 'energy-shifted-out-of-the-peak', 'never-below-trip-and-reserve'],
    },
    // With a 40 kWh reserve the floor binds (each car has about 6 kWh to give): a manager that forgets it drains them.
    { what: 'the reserve is forgotten', set: { reserveKwh: '40' }, fault: forgetTheReserve, mustFail: ['never-below-trip-and-reserve'] },
    { what: 'a reserve larger than the cars hold: nothing to give', set: { reserveKwh: '60' }, mustFail: ['cars-fed-their-homes', 'energy-shifted-out-of-the-peak'] },
  ],
  'unified-account': [
    {
      what: 'the permission is granted again instead of revoked',
      mutate: [['do: { revoke: { account: family, member: bob, entitlement: home-control } }', 'do: { grant: { account: family, member: bob, entitlement: home-control } }']],
      mustFail: ['revocation-recorded', 'bob-refused-after-revocation', 'light-still-on', 'only-bob-refused'],
    },
    { what: 'the home ignores revocations', fault: ignoreRevocations, mustFail: ['bob-refused-after-revocation', 'light-still-on', 'only-bob-refused'] },
    { what: 'the subscription is Bob\'s, not the driver\'s', mutate: [['holder: alice', 'holder: bob']], mustFail: ['music-followed-alice', 'playlist-in-the-car'] },
  ],
  'safety-alert': [{ what: 'alerts slower than a 1 ms budget', set: { alertBudgetMs: '1' }, mustFail: ['leak-on-phone', 'leak-on-car', 'gas-on-panel'] }],
};

// Streams and transfers (#17): a link too slow for the bitrate must fail the stall and rebuffer checks, a transfer
// that cannot finish before the car leaves must fail, a call the family declines must never show a picture.
const FLOW_CONTROLS: Record<string, Control[]> = {
  'camera-from-car': [{ what: 'the car is in a 1 Mbit/s cell', set: { carDown: '1Mbps' }, mustFail: ['never-stalls', 'no-rebuffering', 'full-bitrate'] }],
  'dashcam-to-nas': [{ what: 'the clip is too big to upload before Alice leaves', set: { clipSize: '5GB' }, mustFail: ['uploaded-before-departure', 'clip-saved-on-nas', 'nas-holds-the-clip'] }],
  'drone-video-to-nas': [{ what: 'the drone films 4K at 12 Mbit/s, over the uplink', set: { bitrate: '12Mbps' }, mustFail: ['no-gaps-in-the-recording', 'no-rebuffering'] }],
  'nas-movie-in-car': [{ what: 'a 1080p film at 5 Mbit/s in the weak cell', set: { bitrate: '5Mbps' }, mustFail: ['never-stalls', 'no-rebuffering'] }],
  'arrival-video-call': [
    {
      what: 'the family declines the call',
      mutate: [['do: { confirm: { screen: h1/screen.central_panel } }', 'do: { decline: { screen: h1/screen.central_panel } }']],
      mustFail: ['panel-sees-the-car', 'car-sees-the-family', 'car-to-home-never-stalls', 'home-to-car-never-stalls'],
    },
  ],
};
Object.assign(CONTROLS, FLOW_CONTROLS);

const files = new Map(shippedScenarioFiles().map((file) => [basename(file, '.yaml'), file]));

afterEach(() => {
  vi.restoreAllMocks();
  for (const step of undo.splice(0)) step();
});

describe('negative controls', () => {
  it('every shipped scene has at least one, and every control names a shipped scene', () => {
    expect([...files.keys()].filter((scene) => !CONTROLS[scene]?.length), 'scenes without a negative control').toEqual([]);
    expect(Object.keys(CONTROLS).filter((scene) => !files.has(scene)), 'controls of scenes that are not shipped').toEqual([]);
  });

  const cases = Object.entries(CONTROLS).flatMap(([scene, controls]) => controls.map((control) => [scene, control.what, control] as const));

  it.each(cases)('%s fails when %s', async (scene, _what, control) => {
    const file = files.get(scene)!;
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of control.mutate ?? []) {
      expect(text, `the control's text "${from}" is no longer in ${scene}.yaml`).toContain(from);
      text = text.replaceAll(from, to);
    }
    const { scenario } = loadScenarioText(text, file, control.set ? { set: control.set } : {});
    control.fault?.();
    for (const architecture of scenario.architectures) {
      const result = await runScenario(scenario, architecture);
      const failed = result.expectations.filter((e) => !e.passed).map((e) => e.id);
      if (result.abortedBy !== undefined) failed.push('abort');
      expect(result.passed, `${scene} under ${architecture} passed with ${control.what}`).toBe(false);
      expect(failed, `${scene} under ${architecture}`).toEqual(expect.arrayContaining(control.mustFail));
    }
  });
});
