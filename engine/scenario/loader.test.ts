// Valid scenarios: the full example resolves to the typed form the runner consumes, the shipped fixtures
// load, and files are found, validated and reported by path.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile, loadScenarioText, validateScenarioFiles, type Action } from './index';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('the doorbell fixture (full example)', () => {
  const { scenario, file } = loadScenarioFile(join(fixtures, 'doorbell.yaml'));

  it('resolves the header: ids, times in ms and minutes, architectures as a list', () => {
    expect(file).toBe(join(fixtures, 'doorbell.yaml'));
    expect(scenario.scenario).toBe('doorbell');
    expect(scenario.title).toBe('Doorbell across screens');
    expect(scenario.seed).toBe(42);
    expect(scenario.architectures).toEqual(['cloud-cloud', 'direct', 'phone-proxy', 'local']);
    expect(scenario.startTime).toEqual({ minutes: 17 * 60 + 30 });
    expect(scenario.duration).toBe(30 * 60_000);
    expect(scenario.parameterValues).toEqual({ homes: 10, answer: 'confirm' });
  });

  it('expands the homes and applies entity defaults', () => {
    const { users, homes, vehicles, gateways } = scenario.entities;
    expect(homes.map((home) => home.id)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9', 'h10']);
    expect(homes[0]!.devices.map((device) => device.entityId)).toContain('lock.front_door');
    expect(users[0]).toEqual({
      id: 'alice',
      home: 'h1',
      vehicle: 'car1',
      preferences: { temperature: 24, hvacMode: 'cool', lighting: 'soft', playlist: 'morning-jazz' },
      calendar: [],
    });
    expect(homes[0]!.precool).toBe('plan');
    expect(vehicles[0]).toEqual({ id: 'car1', owner: 'alice', home: 'h1', batteryKwh: 75, soc: 0.6, at: 'work', avoidFloods: true });
    expect(scenario.arrivalLeadMinutes).toBe(5);
    expect(gateways).toEqual({ 'home-cloud': 'online' });
    expect(scenario.links.cellular).toEqual({ medianMs: 80, loss: 0.01 });
    expect(scenario.map).toEqual({ kind: 'generate', blocks: 8, blockSizeM: 250, homes: 10, workplaces: 3, chargers: 2 });
  });

  it('turns steps into triggers and typed actions', () => {
    expect(scenario.steps).toEqual([
      { id: 'ring', trigger: { kind: 'at', at: 10_000 }, actions: [{ type: 'doorbell', home: 'h1' }] },
      { id: 'answer', trigger: { kind: 'after', step: 'ring', delay: 2_000 }, actions: [{ type: 'confirm', screen: 'vehicle/car1' }] },
    ]);
  });

  it('gives every expectation and fail condition an id, and twin references their bus address', () => {
    expect(scenario.expect).toEqual([
      {
        id: 'pip-on-car',
        kind: 'within',
        ms: 1_500,
        of: { step: 'ring' },
        event: { type: 'pip.shown', source: 'vehicle/car1' },
      },
      { id: 'stays-locked', kind: 'state', twin: 'home/h1/lock.front_door', path: 'state', equals: 'locked', at: 60_000 },
      { id: 'latency', kind: 'metric', name: 'latency.e2e.p95', lte: 800 },
    ]);
    expect(scenario.failWhen).toEqual([{ id: 'fail-1', event: { type: 'lock.unlocked', source: 'home/h1/lock.front_door' } }]);
  });
});

describe('defaults and derived ids', () => {
  it('fills in what a minimal scenario leaves out', () => {
    const { scenario } = loadScenarioText(
      'scenario: minimal\nduration: 1m\nentities:\n  homes: [{ id: h1 }]\nsteps:\n  - { at: 5s, do: { doorbell: { home: h1 } } }\nexpect:\n  - never: { event: { type: lock.unlocked } }\n',
      'minimal.yaml',
    );
    expect(scenario.title).toBe('minimal');
    expect(scenario.seed).toBe(1);
    expect(scenario.architectures).toEqual(['cloud-cloud', 'direct', 'phone-proxy', 'local']);
    expect(scenario.startTime).toEqual({ minutes: 0 });
    expect(scenario.map).toEqual({ kind: 'generate', blocks: 16, blockSizeM: 250, homes: 1, workplaces: 2, chargers: 2 });
    expect(scenario.entities.users).toEqual([]);
    expect(scenario.entities.gateways).toEqual({});
    expect(scenario.links).toEqual({});
    expect(scenario.steps[0]!.id).toBe('doorbell-1');
    expect(scenario.expect[0]).toEqual({ id: 'never-1', kind: 'never', event: { type: 'lock.unlocked' } });
    expect(scenario.failWhen).toEqual([]);
  });

  it('keeps an action list in order and normalises short twin ids and gateway keys', () => {
    const { scenario } = loadScenarioText(
      [
        'scenario: list',
        'duration: 1h',
        'entities:',
        '  homes: [{ id: h1 }]',
        '  gateways: { h1/gateway: offline }',
        'steps:',
        '  - on: { event: { type: doorbell.pressed, source: h1/lock.front_door } }',
        '    do:',
        '      - press: { device: h1/light.hallway }',
        '      - fault: { target: h1/gateway, kind: broker-restart, duration: 1s }',
        '      - setState: { twin: h1/climate.bedroom, event: CLIMATE.SET_TEMPERATURE, data: { targetTemperature: 22 } }',
        'verdict: none',
        '',
      ].join('\n'),
      'list.yaml',
    );
    const [step] = scenario.steps;
    expect(step!.trigger).toEqual({ kind: 'event', event: { type: 'doorbell.pressed', source: 'home/h1/lock.front_door' } });
    const actions: Action[] = step!.actions;
    expect(actions.map((action) => action.type)).toEqual(['press', 'fault', 'setState']);
    expect(actions[0]).toEqual({ type: 'press', device: 'home/h1/light.hallway' });
    expect(actions[1]).toEqual({ type: 'fault', target: 'h1/gateway', kind: 'broker-restart', duration: 1_000 });
    expect(actions[2]).toMatchObject({ twin: 'home/h1/climate.bedroom', data: { targetTemperature: 22 } });
    expect(scenario.entities.gateways).toEqual({ 'home/h1/gateway': 'offline' });
  });
});

describe('fixtures', () => {
  const files = readdirSync(fixtures).filter((name) => name.endsWith('.yaml'));

  it('ships two or three small valid scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(validateScenarioFiles(files.map((name) => join(fixtures, name)))).toEqual(
      files.map((name) => ({ file: join(fixtures, name), issues: [] })),
    );
  });

  it('peak shaving resolves its grid, tariff and parameterised steps', () => {
    const { scenario } = loadScenarioFile(join(fixtures, 'peak-shaving.yaml'), { set: { strategy: 'uncontrolled', homes: '20' } });
    expect(scenario.startTime).toEqual({ minutes: 17 * 60, date: '2026-01-15' });
    expect(scenario.entities.homes).toHaveLength(20);
    expect(scenario.entities.grid).toEqual({
      transformerKva: 50,
      tariff: { peak: [16 * 60, 21 * 60], peakPrice: 1.2, offPeakPrice: 0.4, currency: 'CNY' },
    });
    expect(scenario.steps[0]!.actions).toEqual([{ type: 'charging', strategy: 'uncontrolled' }]);
    expect(scenario.steps[1]!.trigger).toEqual({ kind: 'at', at: 90 * 60_000 });
    expect(scenario.expect[2]).toMatchObject({ id: 'eventually-3', kind: 'eventually', by: 5 * 3_600_000 });
  });

  it('home mode on approach resolves the geofence trigger and explicit devices', () => {
    const { scenario } = loadScenarioFile(join(fixtures, 'home-mode-on-approach.yaml'));
    expect(scenario.steps[2]!.trigger).toEqual({ kind: 'geofence', vehicle: 'car1', fence: 'home', event: 'enter', radiusM: 1500 });
    expect(scenario.entities.homes[0]!.devices[0]).toEqual({
      type: 'climate',
      id: 'living_room',
      entityId: 'climate.living_room',
      initial: { hvac_mode: 'off', current_temperature: 30 },
    });
  });
});

describe('files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-scenario-'));

  it('resolves a GeoJSON map relative to the scenario file, and reports a missing one', () => {
    writeFileSync(join(dir, 'town.geojson'), '{"type":"FeatureCollection","features":[]}');
    writeFileSync(join(dir, 'ok.yaml'), 'scenario: geo\nduration: 1m\nmap: { geojson: town.geojson }\nverdict: none\n');
    writeFileSync(join(dir, 'missing.yaml'), 'scenario: geo\nduration: 1m\nmap:\n  geojson: nowhere.geojson\nverdict: none\n');
    expect(loadScenarioFile(join(dir, 'ok.yaml')).scenario.map).toEqual({ kind: 'geojson', path: join(dir, 'town.geojson') });
    const [result] = validateScenarioFiles([join(dir, 'missing.yaml')]);
    expect(result!.issues).toEqual([
      { file: join(dir, 'missing.yaml'), line: 4, column: 12, message: `map.geojson: no such file ${join(dir, 'nowhere.geojson')}` },
    ]);
  });

  it('reports an unreadable file as an issue of that file', () => {
    const [result] = validateScenarioFiles([join(dir, 'absent.yaml')]);
    expect(result!.issues).toHaveLength(1);
    expect(result!.issues[0]).toMatchObject({ file: join(dir, 'absent.yaml'), line: 1, column: 1 });
    expect(result!.issues[0]!.message).toMatch(/cannot read the scenario: ENOENT/);
    expect(() => loadScenarioFile(join(dir, 'absent.yaml'))).toThrow(ScenarioError);
  });
});
