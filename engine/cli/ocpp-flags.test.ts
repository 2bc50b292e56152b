// --ocpp / --ocpp-version over connectors.ocpp, and the password only from the environment.
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedScenario } from '../scenario';
import { UsageError } from './cli-errors';
import { ocppOptionsOf } from './ocpp-flags';

const fromScenario = { external: {}, ocpp: { url: 'ws://csms.example:8180/ocpp', version: '2.0.1', meterInterval: 300_000 } } as unknown as ResolvedScenario['connectors'];

afterEach(() => {
  delete process.env.TWINBENCH_OCPP_PASSWORD;
});

describe('ocppOptionsOf', () => {
  it('takes the scenario\'s section, and the flags over it', () => {
    expect(ocppOptionsOf({}, fromScenario)).toEqual({ url: 'ws://csms.example:8180/ocpp', version: '2.0.1', meterIntervalMs: 300_000 });
    expect(ocppOptionsOf({ ocpp: 'wss://other/ocpp', 'ocpp-version': '1.6' }, fromScenario)).toMatchObject({ url: 'wss://other/ocpp', version: '1.6' });
    expect(ocppOptionsOf({}, undefined)).toBeUndefined();
  });

  it('reads the password from TWINBENCH_OCPP_PASSWORD only', () => {
    process.env.TWINBENCH_OCPP_PASSWORD = 's3cret';
    expect(ocppOptionsOf({ ocpp: 'ws://127.0.0.1:1/x' }, undefined)).toEqual({ url: 'ws://127.0.0.1:1/x', version: '1.6', password: 's3cret' });
  });

  it('refuses hostile or wrong values as usage errors', () => {
    expect(() => ocppOptionsOf({ ocpp: 'ws://u:p@host/x' }, undefined)).toThrow(UsageError);
    expect(() => ocppOptionsOf({ ocpp: 'ws://host/x?id=1' }, undefined)).toThrow(/query or fragment/);
    expect(() => ocppOptionsOf({ ocpp: 'ftp://host/x' }, undefined)).toThrow(/not a ws:\/\/ or wss:\/\/ URL/);
    expect(() => ocppOptionsOf({ ocpp: '' }, undefined)).toThrow(/is not a URL/);
    expect(() => ocppOptionsOf({ ocpp: 'ws://host/x', 'ocpp-version': '2.1' }, undefined)).toThrow(/takes 1.6 or 2.0.1/);
  });
});
