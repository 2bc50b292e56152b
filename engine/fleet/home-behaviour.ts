// A simulated home as a fleet client sees it: a light and a climate device (Home Assistant words), the room
// temperature drifting towards the setpoint, and the commands a car sends its home — lights on/off, a setpoint.
import type { RandomStream } from '../../twins/kernel/types';
import type { CommandOutcome } from './vehicle-behaviour';

export interface HomeState {
  'light.living_room': { state: 'on' | 'off' };
  'climate.living_room': { state: 'heat' | 'off'; target_temperature: number; current_temperature: number };
  [entity: string]: Record<string, unknown>;
}

/** Setpoints a real thermostat accepts. */
export const SETPOINT_RANGE = { min: 7, max: 30 } as const;

export class HomeBehaviour {
  readonly state: HomeState;

  constructor(private readonly random: RandomStream) {
    this.state = {
      'light.living_room': { state: 'off' },
      'climate.living_room': { state: 'heat', target_temperature: 21, current_temperature: 17 + random.next() * 4 },
    };
  }

  /** The room approaches the setpoint (first order, ~10 min time constant) with a little noise. */
  advance(seconds: number): HomeState {
    const climate = this.state['climate.living_room'];
    const target = climate.state === 'off' ? 15 : climate.target_temperature;
    const k = 1 - Math.exp(-seconds / 600);
    climate.current_temperature = Math.round((climate.current_temperature + (target - climate.current_temperature) * k + (this.random.next() - 0.5) * 0.1) * 100) / 100;
    return this.state;
  }

  static pickCommand(draw: number): { command: string; args?: Record<string, unknown> } {
    if (draw < 0.5) return { command: 'light', args: { on: draw < 0.25 } };
    return { command: 'setpoint', args: { temperature: 18 + Math.round(draw * 8) } };
  }

  apply(command: string, args: Record<string, unknown> | undefined): CommandOutcome {
    switch (command) {
      case 'light':
        if (typeof args?.on !== 'boolean') return { ok: false, error: 'light needs args.on (true or false)' };
        this.state['light.living_room'].state = args.on ? 'on' : 'off';
        return { ok: true };
      case 'setpoint': {
        const t = args?.temperature;
        if (typeof t !== 'number' || !Number.isFinite(t) || t < SETPOINT_RANGE.min || t > SETPOINT_RANGE.max) {
          return { ok: false, error: `setpoint needs args.temperature from ${SETPOINT_RANGE.min} to ${SETPOINT_RANGE.max} °C` };
        }
        this.state['climate.living_room'].target_temperature = t;
        this.state['climate.living_room'].state = 'heat';
        return { ok: true };
      }
      default:
        return { ok: false, error: `a home does not understand "${command}"` };
    }
  }
}
