// `setState` data is checked against the fields the receiving machine declares: misspelt, missing, mistyped and
// clock-moving fields are refused at their line:column; correct data passes; every event every machine accepts is
// described (so a new event cannot slip past the check).
import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../twins/home/devices';
import { deviceKindNames, phoneNames, vehiclePartNames } from '../../twins/sim/catalogue';
import { eventDataFields } from '../../twins/sim/catalogue/event-data';
import { issueLines } from './test-support/issues';

const WORLD = `scenario: data
duration: 1m
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1 }]
steps:
  - at: 1s
    do:
      setState:
        twin: TWIN
        event: EVENT
`;
const EXPECT = 'expect:\n  - never: { event: { type: lock.unlocked } }\n';

/** Issues of a setState step; `data` is YAML written under the action (line 13 on). */
const issuesOf = (twin: string, event: string, data?: string): string[] =>
  issueLines(WORLD.replace('TWIN', twin).replace('EVENT', event) + (data === undefined ? '' : `        data: ${data}\n`) + EXPECT);

describe('setState data', () => {
  it('accepts the fields the event declares, optional ones omitted', () => {
    expect(issuesOf('h1/fan.air_purifier', 'FAN.SET_PERCENTAGE', '{ percentage: 40 }')).toEqual([]);
    expect(issuesOf('h1/fan.air_purifier', 'FAN.TURN_ON')).toEqual([]);
    expect(issuesOf('h1/climate.living_room', 'CLIMATE.SET_TEMPERATURE', '{ targetTemperature: 21, hvacMode: cool }')).toEqual([]);
  });

  it('refuses a misspelt field with the nearest one, at the field', () => {
    expect(issuesOf('h1/fan.air_purifier', 'FAN.SET_PERCENTAGE', '{ percentage: 40, percentge: 40 }')).toEqual([
      '13:33: steps[0].do.setState.data.percentge: FAN.SET_PERCENTAGE has no field "percentge"; did you mean "percentage"?',
    ]);
  });

  it('refuses data on an event that carries none', () => {
    expect(issuesOf('h1/lock.front_door', 'DOOR.LOCK', '{ force: true }')).toEqual([
      '13:17: steps[0].do.setState.data.force: DOOR.LOCK has no field "force"; DOOR.LOCK carries no data',
    ]);
  });

  it('refuses a missing required field, naming it and its type', () => {
    expect(issuesOf('h1/cover.living_room_window', 'COVER.SET_POSITION')).toEqual([
      '11:9: steps[0].do.setState: COVER.SET_POSITION needs position (a number) in data',
    ]);
    expect(issuesOf('h1/cover.living_room_window', 'COVER.SET_POSITION', '{}')).toEqual([
      '13:15: steps[0].do.setState.data: COVER.SET_POSITION needs position (a number) in data',
    ]);
  });

  it('refuses a value of the wrong type or outside the enumeration', () => {
    expect(issuesOf('h1/cover.living_room_window', 'COVER.SET_POSITION', '{ position: "50" }')).toEqual([
      '13:27: steps[0].do.setState.data.position: COVER.SET_POSITION\'s position must be a number, not "50"',
    ]);
    expect(issuesOf('h1/climate.living_room', 'CLIMATE.SET_HVAC_MODE', '{ hvacMode: coool }')[0]).toMatch(
      /hvacMode must be one of "off", "cool", "heat", "auto", "fan_only", not "coool"$/,
    );
    expect(issuesOf('h1/cover.living_room_window', 'COVER.SET_POSITION', '{ position: .nan }')[0]).toMatch(/^13:27: steps\[0\]\.do\.setState\.data\.position: /);
    expect(issuesOf('phone/alice', 'NOTIFICATION.POST', '{ notification: [1] }')[0]).toMatch(/notification must be an object, not \[1\]$/);
    expect(issuesOf('h1/fan.air_purifier', 'FAN.TURN_ON', '{ presetMode: true }')[0]).toMatch(/presetMode must be a string, not true$/);
  });

  it('refuses `at`: the engine stamps the virtual time, a scenario cannot move a twin’s clock', () => {
    expect(issuesOf('h1/lock.front_door', 'DOOR.LOCK', '{ at: -100000 }')).toEqual([
      '13:17: steps[0].do.setState.data.at: at is the virtual time the engine stamps on every event; schedule the step with `at:` instead',
    ]);
  });

  it('checks a vehicle’s drive and a phone’s screen too', () => {
    expect(issuesOf('vehicle/car1', 'POSITION.SET', '{ latitude: 31.2, longitude: 121.4 }')).toEqual([]);
    expect(issuesOf('vehicle/car1', 'POSITION.SET', '{ lat: 31.2, longitude: 121.4 }')).toEqual([
      '13:15: steps[0].do.setState.data: POSITION.SET needs latitude (a number) in data',
      '13:17: steps[0].do.setState.data.lat: POSITION.SET has no field "lat"; did you mean "latitude"?',
    ]);
    expect(issuesOf('phone/alice', 'NOTIFICATION.ACKNOWLEDGE')[0]).toMatch(/NOTIFICATION\.ACKNOWLEDGE needs id \(a string\) in data$/);
  });

  it('survives hostile data: a list, __proto__, a huge key', () => {
    expect(issuesOf('h1/lock.front_door', 'DOOR.UNLOCK', '[1, 2]')).not.toEqual([]);
    expect(issuesOf('h1/lock.front_door', 'DOOR.UNLOCK', '{ by: alice, __proto__: { polluted: 1 } }')[0]).toMatch(/has no field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [issue] = issuesOf('h1/lock.front_door', 'DOOR.UNLOCK', `{ by: alice, ${'k'.repeat(5000)}: 1 }`);
    expect(issue!.length).toBeLessThan(400);
  });
});

describe('the catalogue of event data', () => {
  it('describes every event every machine accepts, and nothing else', () => {
    const kinds: [string, readonly string[]][] = [
      ...DEVICE_TYPES.map((type): [string, readonly string[]] => [type, deviceKindNames(type)!.events]),
      ...[...vehiclePartNames()].map(([part, names]): [string, readonly string[]] => [part, names.events]),
      ['phone', phoneNames().events],
    ];
    for (const [kind, events] of kinds) {
      for (const event of events) expect(eventDataFields(kind, event), `${kind} ${event}`).toBeDefined();
      expect(eventDataFields(kind, 'NO.SUCH_EVENT')).toBeUndefined();
    }
    expect(eventDataFields('toaster', 'DOOR.LOCK')).toBeUndefined();
    expect(eventDataFields('lock', '__proto__')).toBeUndefined();
  });
});
