// The signature block as it arrives from the wire, field by field: absent is unsigned, every malformed field is
// refused as forged with the field named, and the fields that pass are copied, nothing more. Then which commands
// are critical and which grant scopes cover them.
import { describe, expect, it } from 'vitest';
import { CRITICAL_COMMANDS, criticalCommandOf, scopeAllows } from './critical-commands';
import { parseAuthBlock, signingBytes, type UnsignedAuth } from './signed-command';

const NONCE = '0123456789abcdef0123456789abcdef';
const SIG = 'ab'.repeat(64);
const good = { v: 1, alg: 'Ed25519', sender: 'VIN1', nonce: NONCE, ts: 5, sig: SIG };
const detail = (value: unknown): string => {
  const parsed = parseAuthBlock(value);
  return parsed.ok ? 'ok' : `${parsed.reason}: ${parsed.detail}`;
};

describe('parseAuthBlock', () => {
  it('reads a well-formed block, copying only the fields it knows', () => {
    expect(parseAuthBlock({ ...good, extra: 'x' })).toEqual({ ok: true, auth: good });
    expect(parseAuthBlock({ ...good, grant: 'grant-1', confirmation: 'doorbell:h1:1' })).toEqual({ ok: true, auth: { ...good, grant: 'grant-1', confirmation: 'doorbell:h1:1' } });
    expect(Object.keys((parseAuthBlock(good) as { auth: object }).auth)).toEqual(['v', 'alg', 'sender', 'nonce', 'ts', 'sig']);
  });

  it.each([
    [undefined, 'unsigned: the command carries no signature block (auth)'],
    [null, 'unsigned: the command carries no signature block (auth)'],
    ['signed', 'unsigned: auth is not an object'],
    [[good], 'unsigned: auth is not an object'],
    [{ ...good, v: 2 }, 'forged: malformed signature block: version 2, expected 1'],
    [{ ...good, alg: 'HS256' }, 'forged: malformed signature block: algorithm "HS256", expected Ed25519'],
    [{ ...good, sender: '' }, 'forged: malformed signature block: sender must be an identifier'],
    [{ ...good, sender: 7 }, 'forged: malformed signature block: sender must be an identifier'],
    [{ ...good, sender: 's'.repeat(129) }, 'forged: malformed signature block: sender must be an identifier'],
    [{ ...good, nonce: NONCE.slice(2) }, 'forged: malformed signature block: nonce must be 16 bytes of lowercase hex'],
    [{ ...good, nonce: `x${NONCE.slice(1)}` }, 'forged: malformed signature block: nonce must be 16 bytes of lowercase hex'],
    [{ ...good, nonce: `${NONCE.slice(1)}X` }, 'forged: malformed signature block: nonce must be 16 bytes of lowercase hex'],
    [{ ...good, ts: '5' }, 'forged: malformed signature block: ts must be a number (virtual ms)'],
    [{ ...good, ts: Number.POSITIVE_INFINITY }, 'forged: malformed signature block: ts must be a number (virtual ms)'],
    [{ ...good, grant: 5 }, 'forged: malformed signature block: grant must be a grant id'],
    [{ ...good, grant: 'g'.repeat(129) }, 'forged: malformed signature block: grant must be a grant id'],
    [{ ...good, confirmation: false }, 'forged: malformed signature block: confirmation must be a prompt id'],
    [{ ...good, confirmation: 'c'.repeat(129) }, 'forged: malformed signature block: confirmation must be a prompt id'],
    [{ ...good, sig: 5 }, 'forged: malformed signature block: sig must be 64 bytes of lowercase hex'],
    [{ ...good, sig: SIG.slice(2) }, 'forged: malformed signature block: sig must be 64 bytes of lowercase hex'],
    [{ ...good, sig: `${SIG.slice(1)}g` }, 'forged: malformed signature block: sig must be 64 bytes of lowercase hex'],
  ])('refuses %j', (value, expected) => {
    expect(detail(value)).toBe(expected);
  });

  it('accepts identifiers of exactly the maximum length', () => {
    const max = 'i'.repeat(128);
    expect(detail({ ...good, sender: max, grant: max, confirmation: max })).toBe('ok');
  });

  it('signs grant and confirmation only when present', () => {
    const content = { to: 'home/h1/lock.front_door', capability: 'lock', command: 'unlock', attributes: {} };
    const base: UnsignedAuth = { v: 1, alg: 'Ed25519', sender: 'VIN1', nonce: NONCE, ts: 5 };
    const text = (auth: UnsignedAuth) => new TextDecoder().decode(signingBytes(content, auth));
    expect(text(base)).toBe('{"alg":"Ed25519","attributes":{},"capability":"lock","command":"unlock","nonce":"0123456789abcdef0123456789abcdef","sender":"VIN1","to":"home/h1/lock.front_door","ts":5,"v":1}');
    expect(text({ ...base, grant: 'grant-1', confirmation: 'p1' })).toContain('"confirmation":"p1"');
    expect(text({ ...base, grant: 'grant-1' })).toContain('"grant":"grant-1"');
  });
});

describe('critical commands and scopes', () => {
  it('knows each critical command by capability and command, windows only for covers', () => {
    expect(CRITICAL_COMMANDS.map((c) => `${c.capability}/${c.command}: ${c.what}`)).toContain('vehicle_lock/unlock: unlock the car');
    expect(criticalCommandOf('vehicle_lock', 'unlock', 'vehicle/car1')?.what).toBe('unlock the car');
    expect(criticalCommandOf('vehicle_lock', 'lock', 'vehicle/car1')).toBeUndefined();
    expect(criticalCommandOf('alarm_control_panel', 'alarm_disarm', 'home/h1/alarm_control_panel.house')?.what).toBe('disarm security');
    expect(criticalCommandOf('cover', 'set_cover_position', 'home/h1/cover.living_room_window')?.what).toBe('open a window');
    expect(criticalCommandOf('cover', 'set_cover_position', 'home/h1/cover.living_room_curtains')).toBeUndefined();
    expect(criticalCommandOf('cover', 'set_cover_position', 'not an address')).toBeUndefined();
  });

  it('lets a scope cover its own command, its service wildcard or everything, and nothing else', () => {
    expect(scopeAllows(['home.lock:unlock'], 'home.lock:unlock')).toBe(true);
    expect(scopeAllows(['home.lock:*'], 'home.lock:unlock')).toBe(true);
    expect(scopeAllows(['*'], 'home.lock:unlock')).toBe(true);
    expect(scopeAllows(['home.lock:lock', 'home.climate:*', ':*', ''], 'home.lock:unlock')).toBe(false);
  });
});
