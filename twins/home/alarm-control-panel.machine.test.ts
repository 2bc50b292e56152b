import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { alarmControlPanelMachine, type AlarmPanelEmitted } from './alarm-control-panel.machine';

function start() {
  const actor = createActor(alarmControlPanelMachine, { clock: new SimulatedClock(), input: { entityId: 'alarm_control_panel.house' } });
  const emitted: AlarmPanelEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

describe('alarm control panel', () => {
  it('starts disarmed, arms away and home, and disarms naming who did', () => {
    const { actor, emitted } = start();
    expect(actor.getSnapshot().value).toBe('disarmed');
    actor.send({ type: 'ALARM.ARM_AWAY', by: 'vehicle/car1' });
    expect(actor.getSnapshot().value).toBe('armed_away');
    actor.send({ type: 'ALARM.ARM_HOME' });
    expect(actor.getSnapshot().value).toBe('armed_home');
    actor.send({ type: 'ALARM.DISARM', by: 'home/h1/cloud' });
    expect(actor.getSnapshot().value).toBe('disarmed');
    expect(actor.getSnapshot().context.changedBy).toBe('home/h1/cloud');
    expect(emitted).toEqual([
      { type: 'alarm_panel.armed', entityId: 'alarm_control_panel.house', mode: 'armed_away', by: 'vehicle/car1' },
      { type: 'alarm_panel.armed', entityId: 'alarm_control_panel.house', mode: 'armed_home', by: null },
      { type: 'alarm_panel.disarmed', entityId: 'alarm_control_panel.house', by: 'home/h1/cloud' },
    ]);
  });

  it('never sounds while disarmed, and keeps sounding until disarmed once triggered', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'ALARM.TRIGGER', zone: 'window' });
    expect(actor.getSnapshot().value).toBe('disarmed');
    expect(emitted).toEqual([]);
    actor.send({ type: 'ALARM.ARM_AWAY' });
    actor.send({ type: 'ALARM.TRIGGER', zone: 'window' });
    expect(actor.getSnapshot().value).toBe('triggered');
    actor.send({ type: 'ALARM.ARM_HOME' });
    expect(actor.getSnapshot().value).toBe('triggered');
    actor.send({ type: 'ALARM.DISARM', by: 'alice' });
    expect(actor.getSnapshot().value).toBe('disarmed');
    expect(emitted.map((e) => e.type)).toEqual(['alarm_panel.armed', 'alarm_panel.triggered', 'alarm_panel.disarmed']);
  });
});
