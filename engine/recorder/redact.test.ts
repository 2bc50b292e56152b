// Which field names count as secrets, and that stripping reaches every depth without touching the input.
import { describe, expect, it } from 'vitest';
import type { Json } from '../../twins/kernel/types';
import { isSecretFieldName, redactLine, stripSecrets } from './redact';

describe('secret field names', () => {
  it('recognises the usual spellings of credentials', () => {
    for (const name of ['password', 'Password', 'passwd', 'wifiPassphrase', 'clientSecret', 'client_secret', 'privateKey', 'private_key', 'PRIVATE-KEY', 'apiKey', 'api_key', 'accessToken', 'refresh_token', 'token', 'credentials']) {
      expect(isSecretFieldName(name), name).toBe(true);
    }
  });

  it('leaves ordinary vehicle and home fields alone', () => {
    for (const name of ['Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked', 'keyfob_present', 'monkey', 'target_temperature', 'hvac_mode', 'is_locked', 'passenger_count']) {
      expect(isSecretFieldName(name), name).toBe(false);
    }
  });
});

describe('stripSecrets', () => {
  it('removes secret fields at any depth, in arrays too, and leaves the input untouched', () => {
    const d2: Json = { id: 'd2' };
    const input: Json = { user: 'ana', auth: { password: 'p', scopes: ['lock'] }, devices: [{ id: 'd1', apiKey: 'k' }, d2] };
    const before = JSON.stringify(input);
    const { value, removed } = stripSecrets(input);
    expect(value).toEqual({ user: 'ana', auth: { scopes: ['lock'] }, devices: [{ id: 'd1' }, { id: 'd2' }] });
    expect(removed).toBe(2);
    expect(JSON.stringify(input)).toBe(before);
    expect((value as { devices: Json[] }).devices[1]).toBe(d2); // untouched parts are shared, not copied
  });

  it('keeps a redacted line canonical, and returns clean lines as they are', () => {
    const line = '{"data":{"b":1,"token":"t","a":{"secret":"s","x":2}},"seq":0,"source":"s","t":0,"type":"x"}';
    expect(redactLine(line)).toEqual({ value: '{"data":{"a":{"x":2},"b":1},"seq":0,"source":"s","t":0,"type":"x"}', removed: 2, suspect: true });
    const clean = '{"data":{"b":1},"seq":0,"source":"s","t":0,"type":"x"}';
    expect(redactLine(clean)).toEqual({ value: clean, removed: 0, suspect: false });
  });
});
