import { describe, expect, it } from 'vitest';
import { brandSchemaProblem, convertUnit, createBrandAdapter, BrandError } from './brand-adapter';
import { THERMIA, VOLTA } from './test-brands';

describe('brand adapter: a carmaker whose cloud nests and enumerates', () => {
  const volta = createBrandAdapter(VOLTA);
  const canonical = {
    vin: 'VIN1', service: 'vehicle.doors', action: 'getState', result: 'ok', ts: 5,
    params: { 'Vehicle.Cabin.Door.Row1.DriverSide.IsLocked': false },
  };

  it("says doorLock: UNLOCKED inside body.data, under its own key names", () => {
    expect(volta.encode(canonical)).toEqual({
      vehicleId: 'VIN1', domain: 'vehicle.doors', op: 'getState', status: 'ok', ts: 5, body: { data: { doorLock: 'UNLOCKED' } },
    });
  });

  it('reads its own payload back into the canonical VSS one exactly', () => {
    expect(volta.decode(volta.encode(canonical))).toEqual(canonical);
  });

  it('renames services and actions both ways', () => {
    const cmd = { vin: 'V', service: 'home.climate', action: 'setTemperature', params: { celsius: 21 } };
    const wire = volta.encode(cmd);
    expect(wire).toMatchObject({ domain: 'HVAC_HOME', op: 'SET_TEMP', body: { data: { tempC: 21 } } });
    expect(volta.decode(wire)).toEqual(cmd);
  });
});

describe('brand adapter: a home ecosystem that reports °F and lock_state 0/1', () => {
  const thermia = createBrandAdapter(THERMIA);

  it('sends 22 °C as 71.6 °F and reads 71.6 °F back as 22 °C', () => {
    const cmd = { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', attributes: { temperature: 22 }, requestId: 'm1' };
    const wire = thermia.encode(cmd);
    expect(wire).toEqual({ device: 'climate.living_room', type: 'climate', cmd: 'setpoint', props: { setpointF: 71.6 }, requestId: 'm1' });
    expect(thermia.decode(wire)).toEqual(cmd);
  });

  it('says lock_state: 0 for unlocked and leaves states outside the enumeration alone', () => {
    expect(thermia.encode({ deviceId: 'lock.front_door', capability: 'lock', attributes: { state: 'unlocked' } }).props).toEqual({ lock_state: 0 });
    expect(thermia.decode({ device: 'lock.front_door', type: 'lock', props: { lock_state: 1 } }).attributes).toEqual({ state: 'locked' });
    expect(thermia.encode({ deviceId: 'light.hall', capability: 'light', attributes: { state: 'on' } }).props).toEqual({ lock_state: 'on' });
  });

  it('an adapter that leaves out the unit conversion reads °F as °C (the mistake an expectation must catch)', () => {
    const careless = createBrandAdapter(THERMIA, { ignoreUnits: ['current_temperature'] });
    const report = { device: 'climate.living_room', type: 'climate', props: { roomF: 71.6 } };
    expect(careless.decode(report).attributes).toEqual({ current_temperature: 71.6 });
    expect(createBrandAdapter(THERMIA).decode(report).attributes).toEqual({ current_temperature: 22 });
  });

  it('refuses a field object that is not an object, with the key it concerns', () => {
    expect(() => thermia.decode({ device: 'x', type: 'climate', props: [1, 2] })).toThrow(BrandError);
    expect(() => thermia.decode({ device: 'x', type: 'climate', props: 'hot' })).toThrow("'props' must be an object");
  });
});

describe('brand schemas that cannot work are named before a run', () => {
  it('accepts the sample brands', () => {
    expect(brandSchemaProblem(VOLTA.schema)).toBeNull();
    expect(brandSchemaProblem(THERMIA.schema)).toBeNull();
  });

  it('refuses a unit pair across dimensions', () => {
    expect(brandSchemaProblem({ units: { temperature: { canonical: 'celsius', brand: 'mile' } } })).toMatch(/units.temperature: celsius and mile/);
  });

  it('refuses two fields renamed alike, and two values that become one', () => {
    expect(brandSchemaProblem({ fields: { a: 'x', b: 'x' } })).toMatch(/'a' and 'b' are both renamed 'x'/);
    expect(brandSchemaProblem({ values: { state: { locked: 1, unlocked: 1 } } })).toMatch(/values.state/);
  });
});

describe('unit conversion', () => {
  it('converts within a dimension and refuses across', () => {
    expect(convertUnit(0, 'celsius', 'fahrenheit')).toBe(32);
    expect(convertUnit(300, 'kelvin', 'celsius')).toBe(26.85);
    expect(convertUnit(1, 'mile', 'kilometre')).toBe(1.609344);
    expect(convertUnit(35, 'percent', 'fraction')).toBe(0.35);
    expect(() => convertUnit(1, 'celsius', 'metre')).toThrow('cannot convert celsius to metre');
  });
});
