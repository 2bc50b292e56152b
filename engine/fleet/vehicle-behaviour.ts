// A simulated car as a fleet client sees it: a few COVESA VSS signals that drift between telemetry publications,
// and the remote commands a home (or its user) sends a car — precondition the cabin, lock or unlock the doors.
import type { RandomStream } from '../../twins/kernel/types';

export type VssSignals = Record<string, number | boolean>;

export interface CommandOutcome {
  ok: boolean;
  error?: string;
}

export class VehicleBehaviour {
  readonly signals: VssSignals;

  constructor(private readonly random: RandomStream, index: number) {
    // Spread around Munich, like the city the simulator generates; each car starts somewhere else.
    this.signals = {
      'Vehicle.Speed': 0,
      'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 40 + random.next() * 55,
      'Vehicle.CurrentLocation.Latitude': 48.1 + random.next() * 0.1,
      'Vehicle.CurrentLocation.Longitude': 11.5 + random.next() * 0.1,
      'Vehicle.Cabin.HVAC.IsAirConditioningActive': false,
      'Vehicle.Cabin.Door.Row1.DriverSide.IsLocked': true,
      'Vehicle.TraveledDistance': 1000 + index,
    };
  }

  /** One telemetry period later: the car drives a little (or stands) and uses some charge. */
  advance(seconds: number): VssSignals {
    const s = this.signals;
    const speed = Math.max(0, Math.min(130, (s['Vehicle.Speed'] as number) + (this.random.next() - 0.5) * 20));
    s['Vehicle.Speed'] = Math.round(speed * 10) / 10;
    const km = (speed * seconds) / 3600;
    s['Vehicle.TraveledDistance'] = (s['Vehicle.TraveledDistance'] as number) + km;
    s['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current'] = Math.max(5, (s['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current'] as number) - km * 0.15);
    s['Vehicle.CurrentLocation.Latitude'] = (s['Vehicle.CurrentLocation.Latitude'] as number) + (this.random.next() - 0.5) * km * 0.01;
    s['Vehicle.CurrentLocation.Longitude'] = (s['Vehicle.CurrentLocation.Longitude'] as number) + (this.random.next() - 0.5) * km * 0.01;
    return s;
  }

  /** What a home sends a car, picked by the command driver. */
  static pickCommand(draw: number): { command: string; args?: Record<string, unknown> } {
    if (draw < 0.4) return { command: 'precondition', args: { on: draw < 0.3 } };
    return { command: draw < 0.7 ? 'lock' : 'unlock' };
  }

  apply(command: string, args: Record<string, unknown> | undefined): CommandOutcome {
    switch (command) {
      case 'precondition':
        if (typeof args?.on !== 'boolean') return { ok: false, error: 'precondition needs args.on (true or false)' };
        this.signals['Vehicle.Cabin.HVAC.IsAirConditioningActive'] = args.on;
        return { ok: true };
      case 'lock':
      case 'unlock':
        this.signals['Vehicle.Cabin.Door.Row1.DriverSide.IsLocked'] = command === 'lock';
        return { ok: true };
      default:
        return { ok: false, error: `a car does not understand "${command}"` };
    }
  }
}
