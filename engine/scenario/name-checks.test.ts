// Every kind of name a scenario uses is checked before the run: a misspelt one is refused at its line:column with
// the nearest valid name, a correct one passes, and hostile names (empty, huge, unicode, __proto__) neither crash
// the checker nor slip through.
import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../twins/home/devices';
import { deviceKindNames, phoneNames, vehiclePartNames, vssSignalPaths } from '../../twins/sim/catalogue';
import { shippedScenarioFiles } from '../cli/list-command';
import { validateScenarioFiles } from './index';
import { eventTypeNames, knownTopics } from './name-catalogue';
import { checkEventMatcherNames } from './name-checks';
import { issueLines } from './test-support/issues';
import { sampleData } from './test-support/sample-data';

const WORLD = `scenario: names
duration: 1m
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1 }]
`;

/** Issues (`line:column: message`) of a scenario made of the world plus `tail`, which starts on line 7. */
const issuesOf = (tail: string): string[] => issueLines(`${WORLD}${tail}`);

const never = (event: string): string => `expect:\n  - never: { event: ${event} }\n`;
const setState = (twin: string, event: string, data?: Record<string, unknown>): string =>
  `steps:\n  - at: 1s\n    do: { setState: { twin: ${twin}, event: ${JSON.stringify(event)}${data ? `, data: ${JSON.stringify(data)}` : ''} } }\nexpect:\n  - never: { event: { type: lock.unlocked } }\n`;
const stateCheck = (twin: string, path: string): string => `expect:\n  - state: { twin: ${twin}, path: ${JSON.stringify(path)}, equals: null }\n`;

describe('the shipped scenarios', () => {
  it('all validate: every name they use is known', () => {
    const files = shippedScenarioFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(validateScenarioFiles(files).filter((result) => result.issues.length > 0)).toEqual([]);
  });
});

describe('event types', () => {
  it('refuses a misspelt type at its position, with the nearest type', () => {
    expect(issuesOf(never('{ type: lock.unlockd }'))).toEqual([
      '8:29: expect[0].never.event.type: unknown event type "lock.unlockd"; did you mean "lock.unlocked"?',
    ]);
  });

  it('checks every matcher: a trigger, within, eventually and failWhen', () => {
    const tail = [
      'steps:',
      '  - { on: { event: { type: doorbel.pressed } }, do: { doorbell: { home: h1 } } }',
      'expect:',
      '  - eventually: { event: { type: pip.shwn } }',
      'failWhen:',
      '  - event: { type: lock.unlokced }',
      '',
    ].join('\n');
    expect(issuesOf(tail)).toEqual([
      expect.stringMatching(/^8:28: steps\[0\]\.on\.event\.type: unknown event type "doorbel\.pressed"; did you mean "doorbell\.pressed"\?$/),
      expect.stringMatching(/^10:34: expect\[0\]\.eventually\.event\.type: .*did you mean "pip\.shown"\?$/),
      expect.stringMatching(/^12:20: failWhen\[0\]\.event\.type: .*did you mean "lock\.unlocked"\?$/),
    ]);
  });

  it('accepts every type in the catalogue', () => {
    for (const type of eventTypeNames()) expect(checkEventMatcherNames({ type }, ['m'])).toEqual([]);
  });
});

describe('event sources', () => {
  it('refuses a source that never emits the type: a lock unlocks, a light does not', () => {
    expect(issuesOf(never('{ type: lock.unlocked, source: h1/light.hallway }'))).toEqual([
      '8:52: expect[0].never.event.source: lock.unlocked comes from a lock, never from "h1/light.hallway", so this would never match',
    ]);
    expect(issuesOf(never('{ type: charging.started, source: h1/evse.wallbox }'))[0]).toMatch(/charging\.started comes from a battery, never from/);
    expect(issuesOf(never('{ type: lock.unlocked, source: vehicle/car1 }'))[0]).toMatch(/never from "vehicle\/car1"/);
  });

  it('accepts a source that emits it, a vehicle for its parts, and sources that are no twin', () => {
    expect(issuesOf(never('{ type: lock.unlocked, source: h1/lock.front_door }'))).toEqual([]);
    expect(issuesOf(never('{ type: pip.shown, source: vehicle/car1 }'))).toEqual([]);
    expect(issuesOf(never('{ type: pip.shown, source: phone/alice }'))).toEqual([]);
    expect(issuesOf(never('{ type: charging.started, source: vehicle/car1 }'))).toEqual([]);
    expect(issuesOf(never('{ type: msg.delivered, source: vehicle/car1 }'))).toEqual([]);
    expect(issuesOf(never('{ type: attack.outcome, source: attacker }'))).toEqual([]);
  });
});

describe('data keys', () => {
  it('refuses a key the event type does not carry, pointing at the key', () => {
    expect(issuesOf(never('{ type: msg.delivered, data: { topc: lock/unlock } }'))).toEqual([
      '8:52: expect[0].never.event.data.topc: msg.delivered events have no data key "topc"; did you mean "topic"?',
    ]);
  });

  it('lists the keys when nothing is near', () => {
    expect(issuesOf(never('{ type: lock.unlocked, data: { zzzzzzzz: 1 } }'))[0]).toMatch(/known keys: entityId, at, by$/);
  });

  it('accepts the keys the type carries', () => {
    expect(issuesOf(never('{ type: lock.unlocked, data: { by: vehicle/car1, entityId: lock.front_door } }'))).toEqual([]);
  });
});

describe('topics and attributes', () => {
  it('refuses a misspelt topic, in msg events and in security commands', () => {
    expect(issuesOf(never('{ type: msg.delivered, data: { topic: lock/unlok } }'))).toEqual([
      '8:59: expect[0].never.event.data.topic: unknown topic "lock/unlok"; did you mean "lock/unlock"?',
    ]);
    expect(issuesOf(never('{ type: security.refused, data: { command: lock/unlokc } }'))[0]).toMatch(/unknown topic "lock\/unlokc"; did you mean "lock\/unlock"\?$/);
  });

  it('refuses a capability the twins do not have', () => {
    expect(issuesOf(never('{ type: msg.failed, data: { topic: lok/unlock } }'))[0]).toMatch(/did you mean "lock\/unlock"\?$/);
  });

  it('refuses a misspelt attribute in a payload, and a misspelt vehicle param', () => {
    expect(issuesOf(never('{ type: msg.delivered, data: { topic: climate/set_temperature, payload: { attributes: { temprature: 22 } } } }'))).toEqual([
      '8:109: expect[0].never.event.data.payload.attributes.temprature: climate/set_temperature has no attribute "temprature"; did you mean "temperature"?',
    ]);
    expect(issuesOf(never('{ type: msg.delivered, data: { topic: vehicle_climate/precondition, payload: { params: { Vehicle.Cabin.HVAC.Station.Row1.Driver.Temprature: 22 } } } }'))[0])
      .toMatch(/has no param "Vehicle\.Cabin\.HVAC\.Station\.Row1\.Driver\.Temprature"; did you mean "Vehicle\.Cabin\.HVAC\.Station\.Row1\.Driver\.Temperature"\?$/);
  });

  it('accepts known topics and attributes', () => {
    expect(knownTopics()).toEqual(expect.arrayContaining(['lock/unlock', 'cover/close_cover', 'vehicle_climate/precondition', 'screen/notify', 'evse/set_power_limit']));
    expect(issuesOf(never('{ type: msg.delivered, data: { topic: climate/set_temperature, payload: { attributes: { temperature: 22, hvac_mode: cool } } } }'))).toEqual([]);
    expect(issuesOf(never('{ type: msg.delivered, data: { topic: light/turn_on, payload: { attributes: { brightness_pct: 30 } } } }'))).toEqual([]);
  });
});

describe('setState events, for every kind of twin', () => {
  const standardEntity: Record<string, string> = {
    climate: 'climate.living_room', light: 'light.hallway', cover: 'cover.living_room_window', fan: 'fan.air_purifier',
    lock: 'lock.front_door', binary_sensor: 'binary_sensor.smoke', camera: 'camera.front_door', media_player: 'media_player.speaker',
    storage: 'storage.nas', evse: 'evse.wallbox', screen: 'screen.tv', alarm_control_panel: 'alarm_control_panel.house',
    vacuum: 'vacuum.robot',
  };

  it.each(DEVICE_TYPES)('%s: a misspelt event is refused with the right one suggested; the right one is accepted', (type) => {
    const event = deviceKindNames(type)!.events[0]!;
    const twin = `h1/${standardEntity[type]}`;
    expect(issuesOf(setState(twin, event, sampleData(type, event)))).toEqual([]);
    const [issue, ...rest] = issuesOf(setState(twin, `${event}X`));
    expect(rest).toEqual([]);
    expect(issue).toMatch(new RegExp(`^9:\\d+: steps\\[0\\]\\.do\\.setState\\.event: "${event}X" is not an event a ${type} accepts; did you mean "${event}"\\?$`));
  });

  it('the issue of the report: DOOR.UNLOCKK on the lock', () => {
    expect(issuesOf(setState('h1/lock.front_door', 'DOOR.UNLOCKK'))).toEqual([
      '9:56: steps[0].do.setState.event: "DOOR.UNLOCKK" is not an event a lock accepts; did you mean "DOOR.UNLOCK"?',
    ]);
  });

  it('an event of another device type is refused (a climate does not take HVAC.SET_TARGET)', () => {
    expect(issuesOf(setState('h1/climate.bedroom', 'HVAC.SET_TARGET'))[0]).toMatch(/is not an event a climate accepts; known events: CLIMATE\.SET_HVAC_MODE/);
  });

  it('a vehicle address reaches its drive; a phone its screen', () => {
    expect(issuesOf(setState('vehicle/car1', 'TRIP.START', { tripId: 't1' }))).toEqual([]);
    expect(issuesOf(setState('vehicle/car1', 'TRIP.STRAT'))[0]).toMatch(/the vehicle \(its drive part.*\) accepts; did you mean "TRIP\.START"\?$/);
    expect(issuesOf(setState('phone/alice', 'NOTIFICATION.ACKNOWLEDGE', { id: 'n1' }))).toEqual([]);
    expect(issuesOf(setState('phone/alice', 'NOTIFICATION.ACKNOWLEDG'))[0]).toMatch(/a phone screen accepts; did you mean "NOTIFICATION\.ACKNOWLEDGE"\?$/);
  });

  it('a gateway has no machine setState can reach', () => {
    expect(issuesOf(setState('home-cloud', 'GATEWAY.FAIL'))[0]).toMatch(/^9:\d+: steps\[0\]\.do\.setState\.twin: "home-cloud" is a home-cloud: setState reaches home devices, vehicles and phones$/);
  });

  it('no XState-internal event is offered', () => {
    for (const type of DEVICE_TYPES) expect(deviceKindNames(type)!.events.some((event) => event.startsWith('xstate.'))).toBe(false);
  });
});

describe('state and context paths, VSS signals', () => {
  it('the issue of the report: a misspelt path no longer resolves to null and passes', () => {
    expect(issuesOf(stateCheck('h1/lock.front_door', 'stat'))).toEqual([
      '8:46: expect[0].state.path: the lock has no path "stat"; did you mean "state"?',
    ]);
  });

  it('refuses a misspelt context path, with or without `context.`', () => {
    expect(issuesOf(stateCheck('h1/climate.living_room', 'context.targetTemprature'))[0])
      .toMatch(/the climate has no path "context\.targetTemprature"; did you mean "context\.targetTemperature"\?$/);
    expect(issuesOf(stateCheck('h1/climate.living_room', 'targetTemperature'))).toEqual([]);
    expect(issuesOf(stateCheck('h1/climate.living_room', 'context.targetTemperature'))).toEqual([]);
  });

  it('reads vehicle parts as readTwinPath does', () => {
    expect(issuesOf(stateCheck('vehicle/car1', 'drive.state'))).toEqual([]);
    expect(issuesOf(stateCheck('vehicle/car1', 'battery.context.socPercent'))).toEqual([]);
    expect(issuesOf(stateCheck('vehicle/car1', 'body.context.doors.Row1.DriverSide.isLocked'))).toEqual([]);
    expect(issuesOf(stateCheck('vehicle/car1', 'battery.context.soc'))[0]).toMatch(/did you mean "battery\.context\.socPercent"\?$/);
    expect(issuesOf(stateCheck('vehicle/car1', 'drive.stat'))[0]).toMatch(/did you mean "drive\.state"\?$/);
  });

  it('accepts paths below a value that is a list or still null at the start (its shape appears at run time)', () => {
    expect(issuesOf(stateCheck('h1/screen.tv', 'context.activePrompt.id'))).toEqual([]);
    expect(issuesOf(stateCheck('phone/alice', 'context.notifications.0.title'))).toEqual([]);
    expect(issuesOf(stateCheck('h1/screen.tv', 'context.entityId.length'))[0]).toMatch(/has no path/);
  });

  it('refuses a misspelt VSS signal, suggesting a signal', () => {
    expect(issuesOf(stateCheck('vehicle/car1', 'Vehicle.Sped'))).toEqual([
      '8:40: expect[0].state.path: the vehicle has no VSS signal "Vehicle.Sped"; did you mean "Vehicle.Speed"?',
    ]);
    expect(issuesOf(stateCheck('vehicle/car1', 'Vehicle.Cabin.Door.Row1.DriverSide.IsLockd'))[0]).toMatch(/did you mean "Vehicle\.Cabin\.Door\.Row1\.DriverSide\.IsLocked"\?$/);
  });

  it('accepts every VSS signal the vehicle reports, and every path of every part', () => {
    expect(vssSignalPaths()).toContain('Vehicle.Speed');
    for (const path of vssSignalPaths()) expect(issuesOf(stateCheck('vehicle/car1', path))).toEqual([]);
    for (const [part, names] of vehiclePartNames()) for (const key of names.context.keys()) expect(issuesOf(stateCheck('vehicle/car1', `${part}.context.${key}`))).toEqual([]);
    for (const key of phoneNames().context.keys()) expect(issuesOf(stateCheck('phone/alice', `context.${key}`))).toEqual([]);
  });
});

describe('hostile names', () => {
  const hostile = ['', ' ', 'x'.repeat(10_000), 'lock.ünlocked', '🔓.unlocked', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '\u0000'];

  it.each(hostile.map((name) => [name.length > 20 ? `${name.slice(0, 20)}…` : name, name]))('%j is refused without a crash', (_label, name) => {
    const quoted = JSON.stringify(name);
    const run = (tail: string): string[] => issuesOf(tail);
    const results = [
      run(never(`{ type: ${quoted} }`)),
      run(never(`{ type: lock.unlocked, data: { ${quoted}: 1 } }`)),
      run(never(`{ type: msg.delivered, data: { topic: ${quoted} } }`)),
      run(setState('h1/lock.front_door', name)),
      run(stateCheck('h1/lock.front_door', name)),
      run(stateCheck('vehicle/car1', name)),
      run(stateCheck('vehicle/car1', `${name}.state`)),
    ];
    for (const issues of results) {
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue.length).toBeLessThan(1_000);
    }
  });

  it('checks a 10 kB name quickly (no quadratic suggestion search)', () => {
    const started = performance.now();
    issuesOf(never(`{ type: ${'lock.unlocked'.repeat(800)} }`));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
