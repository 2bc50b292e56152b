// The scenario format names things the twins define (device types, link ids, bus addresses). These tests
// fail when the two drift apart, so a scenario can never validate against a name the simulation lacks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_MODELS, parseAddress } from '../../twins/bus';
import { DEVICE_TYPES as HOME_DEVICE_TYPES } from '../../twins/home';
import { DEVICE_TYPES, LINK_IDS, STANDARD_HOME_DEVICES, normalizeTwinRef, parseTwinRef } from './index';

describe('alignment with twins/', () => {
  it('offers exactly the device types twins/home can build', () => {
    expect([...DEVICE_TYPES].sort()).toEqual([...HOME_DEVICE_TYPES].sort());
    for (const device of STANDARD_HOME_DEVICES) expect(HOME_DEVICE_TYPES).toContain(device.type);
  });

  it('offers exactly the link models of twins/bus', () => {
    expect([...LINK_IDS].sort()).toEqual(Object.keys(DEFAULT_LINK_MODELS).sort());
  });

  it.each([
    ['vehicle/car1', 'vehicle'],
    ['phone/alice', 'phone'],
    ['h1/lock.front_door', 'device'],
    ['home/h1/climate.living_room', 'device'],
    ['h1/gateway', 'gateway'],
    ['local/h1', 'local-link'],
    ['vehicle-cloud', 'vehicle-cloud'],
    ['hub', 'hub'],
    ['home-cloud', 'home-cloud'],
  ])('resolves %s to a bus address of kind %s', (reference, kind) => {
    expect(parseTwinRef(reference)).toBeDefined();
    expect(parseAddress(normalizeTwinRef(reference))?.kind).toBe(kind);
  });
});
