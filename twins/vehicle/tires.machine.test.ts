import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { lowPressureWheels, tiresMachine, type TiresEmitted, type TiresInput } from './tires.machine';

function start(input: Partial<TiresInput> = {}) {
  const actor = createActor(tiresMachine, { clock: new SimulatedClock(), input: { vehicleId: 'ev-1', recommendedKpa: 240, ...input } });
  const emitted: TiresEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

describe('tire pressure monitoring', () => {
  it('starts at the placard pressure on every wheel', () => {
    const { actor } = start();
    expect(actor.getSnapshot().matches('normal')).toBe(true);
    expect(Object.values(actor.getSnapshot().context.pressuresKpa)).toEqual([240, 240, 240, 240]);
  });

  it('warns when a tire falls more than 25 % below placard, and reports each newly low wheel', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'TIRE.PRESSURE_MEASURED', at: 10, wheel: 'Row1.Left', pressureKpa: 185 });
    expect(actor.getSnapshot().matches('normal')).toBe(true); // 185 > 180
    actor.send({ type: 'TIRE.PRESSURE_MEASURED', at: 20, wheel: 'Row1.Left', pressureKpa: 170 });
    expect(actor.getSnapshot().matches('warning')).toBe(true);
    actor.send({ type: 'TIRE.PRESSURE_MEASURED', at: 30, wheel: 'Row1.Left', pressureKpa: 160 });
    actor.send({ type: 'TIRE.PRESSURE_MEASURED', at: 40, wheel: 'Row2.Right', pressureKpa: 150 });
    expect(emitted).toEqual([
      { type: 'tire.pressure_low', vehicleId: 'ev-1', at: 20, wheels: ['Row1.Left'] },
      { type: 'tire.pressure_low', vehicleId: 'ev-1', at: 40, wheels: ['Row1.Left', 'Row2.Right'] },
    ]);
  });

  it('clears the warning once every tire is back above the threshold', () => {
    const { actor, emitted } = start({ pressuresKpa: { 'Row2.Left': 100 } });
    expect(actor.getSnapshot().matches('warning')).toBe(true);
    expect(lowPressureWheels(actor.getSnapshot().context)).toEqual(['Row2.Left']);
    actor.send({ type: 'TIRE.PRESSURE_MEASURED', at: 500, wheel: 'Row2.Left', pressureKpa: 240 });
    expect(actor.getSnapshot().matches('normal')).toBe(true);
    expect(emitted.map((e) => e.type)).toEqual(['tire.pressure_low', 'tire.pressure_restored']);
    expect(emitted[1]).toEqual({ type: 'tire.pressure_restored', vehicleId: 'ev-1', at: 500 });
  });
});
