// A home: its device twins (one XState actor per Matter/HA entity), where it stands on the map, and the
// household meter. Devices are addressed as `home/<homeId>/<entityId>`, the same address the bus delivers to.
import { deviceAddress } from '../bus/addresses';
import type { Kernel } from '../kernel';
import { deviceMachines, type DeviceType } from '../home/devices';
import { DEFAULT_HOUSEHOLD_PROFILE, baseLoadKw } from '../home/meter';
import type { Place } from '../world';
import type { HomeSpec } from './spec';
import { TwinActor } from './twin-actor';

/** The input a device machine starts from (the name catalogue reads the devices' context from it too). */
export function deviceInput(device: Pick<HomeSpec['devices'][number], 'entityId' | 'deviceClass'>): { entityId: string; deviceClass?: string } {
  return { entityId: device.entityId, ...(device.deviceClass ? { deviceClass: device.deviceClass } : {}) };
}

export class HomeTwin {
  readonly devices = new Map<string, TwinActor>();
  /**
   * Weather alerts in force for this home (a rainstorm its car warned of, a heatwave the weather service announced):
   * what home mode adapts to. Kept until the scenario's run ends; the seed's scenes last less than one storm.
   */
  readonly weatherAlerts = new Set<'rainstorm' | 'heatwave'>();

  constructor(
    readonly spec: HomeSpec,
    readonly place: Place,
    kernel: Kernel,
    private readonly startTimeOfDayMs: number,
  ) {
    for (const device of spec.devices) {
      const machine = deviceMachines[device.type as DeviceType];
      if (machine === undefined) throw new Error(`home ${spec.id}: unknown device type "${device.type}" (${device.entityId})`);
      const input = device.type === 'evse' && spec.wallboxDischargeKw !== undefined
        ? { ...deviceInput(device), maxDischargeKw: spec.wallboxDischargeKw }
        : deviceInput(device);
      const address = deviceAddress(spec.id, device.entityId);
      this.devices.set(device.entityId, new TwinActor(address, device.type, machine, input, kernel));
    }
  }

  get id(): string {
    return this.spec.id;
  }

  device(entityId: string): TwinActor {
    const twin = this.devices.get(entityId);
    if (twin === undefined) throw new Error(`home ${this.id} has no device ${entityId}`);
    return twin;
  }

  /** First device of a type (`screen`, `lock` …), or undefined. */
  firstOfType(type: string): TwinActor | undefined {
    for (const twin of this.devices.values()) if (twin.kind === type) return twin;
    return undefined;
  }

  devicesOfType(type: string): TwinActor[] {
    return [...this.devices.values()].filter((twin) => twin.kind === type);
  }

  /** Household base load (kW) at virtual time t, from the piecewise profile; EV charging comes on top. */
  baseLoadKw(t: number): number {
    return baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, t, this.startTimeOfDayMs);
  }
}
