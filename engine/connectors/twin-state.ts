// The retained state payloads the connectors publish: one per twin, with the Home Assistant state and attribute
// names beside the machine's own view, and one per vehicle with its COVESA VSS signals. Lazily folded quantities
// (room temperature, cover position) are evaluated at the virtual time of publication, as an inspector would.
import type { Simulation, TwinActor, VehicleTwin } from '../../twins';
import { coverPositionAt, currentTemperatureAt, type ClimateContext, type CoverContext } from '../../twins/home';
import type { Json } from '../../twins/kernel/types';

export type JsonObject = { [key: string]: Json };

export interface TwinStatePayload extends JsonObject {
  address: string;
  kind: string;
  /** The state in Home Assistant's words (`on`, `locked`, `cool`, `opening` …). */
  state: string;
  /** Home Assistant attribute names (`brightness`, `target_temperature`, `current_position` …). */
  attributes: JsonObject;
  /** The twin machine's own state value and context. */
  twin: { state: string; context: Json };
  /** Virtual time (ms) of this state. */
  t: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** HA state and attributes of a home device (or any twin: unknown kinds report their machine state). */
export function haProjection(twin: TwinActor, t: number): { state: string; attributes: JsonObject } {
  const c = twin.context;
  switch (twin.kind) {
    case 'light':
      return { state: twin.state, attributes: { brightness: c.brightness as number, color_temp_kelvin: c.colorTempKelvin as number } };
    case 'climate': {
      const room = c as unknown as ClimateContext;
      return {
        state: room.hvacMode,
        attributes: { hvac_mode: room.hvacMode, target_temperature: room.targetTemperature, current_temperature: round1(currentTemperatureAt(room, t)) },
      };
    }
    case 'cover': {
      const cover = c as unknown as CoverContext;
      const state = cover.movingTowards === null ? (cover.position <= 0 ? 'closed' : 'open') : cover.movingTowards > cover.position ? 'opening' : 'closing';
      return { state, attributes: { current_position: Math.round(coverPositionAt(cover, t)) } };
    }
    case 'fan':
      return { state: twin.state, attributes: { percentage: twin.state === 'on' ? (c.percentage as number) : 0, preset_mode: (c.presetMode as string | null) ?? null } };
    case 'binary_sensor':
      return { state: twin.state, attributes: { device_class: (c.deviceClass as string | undefined) ?? null } };
    default:
      return { state: twin.state, attributes: {} };
  }
}

export function twinStatePayload(twin: TwinActor, t: number): TwinStatePayload {
  const { state, attributes } = haProjection(twin, t);
  return { address: twin.id, kind: twin.kind, state, attributes, twin: twin.view(), t };
}

/** The car as a whole: VIN, every VSS signal, where it is and whether it is parked at home (device tracker). */
export function vehicleStatePayload(sim: Simulation, vehicle: VehicleTwin, t: number): JsonObject {
  const signals = vehicle.signals(t) as unknown as JsonObject;
  const homePlace = vehicle.spec.homeId !== undefined ? sim.homes.get(vehicle.spec.homeId)?.place : undefined;
  return {
    address: `vehicle/${vehicle.id}`,
    vin: vehicle.vin,
    signals,
    location: { latitude: signals['Vehicle.CurrentLocation.Latitude'] ?? null, longitude: signals['Vehicle.CurrentLocation.Longitude'] ?? null },
    at_home: homePlace !== undefined && vehicle.location?.id === homePlace.id,
    t,
  };
}
