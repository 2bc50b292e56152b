// Home Assistant MQTT discovery payloads for the simulated home devices and the car: one config per entity, with
// state and command topics from Twinbench's scheme (topics.ts), templates that read the retained state payloads
// (twin-state.ts), a `device` block whose identifiers are a MAC-style id (home devices) or the VIN (the car), and
// availability tied to the run's own status topic (the connector's last will), so the devices of a run that died
// show as unavailable rather than live. Entity ids are suggested with `default_entity_id` (`<domain>.<slug>`), which
// replaced the deprecated `object_id` (Home Assistant 2025.10; `object_id` stops working in 2026.4).
// Pure functions: ha-discovery.ts publishes them.
import { createHash } from 'node:crypto';
import type { TwinActor, VehicleTwin } from '../../twins';
import { WHEEL_POSITIONS } from '../../twins/vehicle/tires.machine';
import { VSS, tirePressurePath } from '../../twins/vehicle/vss';
import type { JsonObject } from './twin-state';
import type { TopicScheme } from './topics';

export interface HaEntity {
  component: 'light' | 'climate' | 'cover' | 'fan' | 'lock' | 'binary_sensor' | 'sensor' | 'device_tracker';
  nodeId: string;
  objectId: string;
  config: JsonObject;
}

/** HA ids allow only [a-zA-Z0-9_-]. */
const haId = (text: string): string => text.replace(/[^a-zA-Z0-9_-]/g, '_');

/** A stable, locally administered unicast MAC (02:…) for a simulated device: what HA's `connections` expects. */
export function simulatedMac(address: string): string {
  const bytes = createHash('sha256').update(address).digest().subarray(0, 5);
  return ['02', ...[...bytes].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

const MATTER_MODEL: Record<string, string> = {
  light: 'Matter Dimmable Light (simulated)',
  climate: 'Matter Thermostat / Room Air Conditioner (simulated)',
  cover: 'Matter Window Covering (simulated)',
  fan: 'Matter Fan / Air Purifier (simulated)',
  lock: 'Matter Door Lock with doorbell (simulated)',
  binary_sensor: 'Matter Contact / Smoke CO / Water Leak sensor (simulated)',
};

const ON_OFF = "{{ 'ON' if value_json.state == 'on' else 'OFF' }}";

function availability(topics: TopicScheme, runId: string): JsonObject {
  return { availability_topic: topics.runStatus(runId), payload_available: 'online', payload_not_available: 'offline' };
}

function friendlyName(entityId: string): string {
  const [domain, ...rest] = entityId.split('.');
  const words = rest.join('.').replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${domain === 'binary_sensor' ? 'sensor' : domain}`;
}

/** Discovery entities of one home device; empty for device types HA's MQTT integration has no component for. */
export function homeDeviceEntities(homeId: string, twin: TwinActor, topics: TopicScheme, runId: string): HaEntity[] {
  const entityId = twin.id.split('/').slice(2).join('/');
  const [domain, ...rest] = entityId.split('.');
  const state = topics.twin(twin.id, 'state');
  const command = (attribute?: string): string => topics.command(twin.id, attribute);
  const mac = simulatedMac(twin.id);
  const base: JsonObject = {
    name: null, // the entity is the device's main feature: HA names it after the device
    unique_id: haId(`twinbench_${homeId}_${entityId}`),
    default_entity_id: `${haId(domain!)}.${haId(`${homeId}_${rest.join('.')}`).toLowerCase()}`,
    device: {
      identifiers: [mac],
      connections: [['mac', mac]],
      name: `${friendlyName(entityId)} (${homeId})`,
      manufacturer: 'Twinbench',
      model: MATTER_MODEL[twin.kind] ?? twin.kind,
      suggested_area: homeId,
    },
    ...availability(topics, runId),
    json_attributes_topic: state,
    json_attributes_template: '{{ value_json.attributes | tojson }}',
  };
  const entity = (component: HaEntity['component'], config: JsonObject): HaEntity[] => [
    { component, nodeId: haId(`twinbench_${homeId}`), objectId: haId(entityId), config: { ...base, ...config } },
  ];
  switch (twin.kind) {
    case 'light':
      return entity('light', {
        state_topic: state, state_value_template: ON_OFF, command_topic: command(), payload_on: 'ON', payload_off: 'OFF',
        brightness_state_topic: state, brightness_value_template: '{{ value_json.attributes.brightness }}', brightness_command_topic: command('brightness'),
        color_temp_kelvin: true, color_temp_state_topic: state, color_temp_value_template: '{{ value_json.attributes.color_temp_kelvin }}',
        color_temp_command_topic: command('color_temp_kelvin'), min_kelvin: 2000, max_kelvin: 6500,
      });
    case 'climate':
      return entity('climate', {
        modes: ['off', 'cool', 'heat', 'auto', 'fan_only'],
        mode_state_topic: state, mode_state_template: '{{ value_json.attributes.hvac_mode }}', mode_command_topic: command('mode'),
        temperature_state_topic: state, temperature_state_template: '{{ value_json.attributes.target_temperature }}', temperature_command_topic: command('temperature'),
        current_temperature_topic: state, current_temperature_template: '{{ value_json.attributes.current_temperature }}',
        temperature_unit: 'C', precision: 0.5, min_temp: 16, max_temp: 30,
      });
    case 'cover':
      return entity('cover', {
        device_class: entityId.includes('window') ? 'window' : 'curtain',
        command_topic: command(), payload_open: 'OPEN', payload_close: 'CLOSE', payload_stop: 'STOP',
        state_topic: state, value_template: '{{ value_json.state }}',
        position_topic: state, position_template: '{{ value_json.attributes.current_position }}', set_position_topic: command('position'),
      });
    case 'fan':
      return entity('fan', {
        command_topic: command(), payload_on: 'ON', payload_off: 'OFF', state_topic: state, state_value_template: ON_OFF,
        percentage_command_topic: command('percentage'), percentage_state_topic: state, percentage_value_template: '{{ value_json.attributes.percentage }}',
        preset_mode_command_topic: command('preset_mode'), preset_mode_state_topic: state,
        preset_mode_value_template: '{{ value_json.attributes.preset_mode }}', preset_modes: (twin.context.presetModes as string[]) ?? [],
      });
    case 'lock':
      return entity('lock', {
        command_topic: command(), payload_lock: 'LOCK', payload_unlock: 'UNLOCK',
        state_topic: state, value_template: '{{ value_json.state | upper }}', state_locked: 'LOCKED', state_unlocked: 'UNLOCKED', state_jammed: 'JAMMED',
      });
    case 'binary_sensor': {
      const deviceClass = twin.context.deviceClass;
      return entity('binary_sensor', { state_topic: state, value_template: ON_OFF, ...(typeof deviceClass === 'string' ? { device_class: deviceClass } : {}) });
    }
    default:
      return [];
  }
}

/** The car: battery, range, tyre pressures and cabin temperature as sensors, and where it is as a device tracker. */
export function vehicleEntities(vehicle: VehicleTwin, topics: TopicScheme, runId: string): HaEntity[] {
  const address = `vehicle/${vehicle.id}`;
  const state = topics.twin(address, 'state');
  const nodeId = haId(`twinbench_${vehicle.id}`);
  const device: JsonObject = { identifiers: [vehicle.vin], name: `Car ${vehicle.id}`, manufacturer: 'Twinbench', model: 'Simulated EV (COVESA VSS)', serial_number: vehicle.vin };
  const signal = (path: string, scale = ''): string => `{{ value_json.signals['${path}']${scale} }}`;
  const sensor = (objectId: string, name: string, config: JsonObject): HaEntity => ({
    component: 'sensor', nodeId, objectId,
    config: { name, unique_id: haId(`twinbench_${vehicle.vin}_${objectId}`), default_entity_id: `sensor.${haId(`${vehicle.id}_${objectId}`).toLowerCase()}`, device, state_topic: state, state_class: 'measurement', ...availability(topics, runId), ...config },
  });
  const tyres = WHEEL_POSITIONS.map((wheel) =>
    sensor(`tire_pressure_${wheel.replace('.', '_').toLowerCase()}`, `Tyre pressure ${wheel.replace('Row1', 'front').replace('Row2', 'rear').replace('.', ' ').toLowerCase()}`, {
      device_class: 'pressure', unit_of_measurement: 'kPa', value_template: signal(tirePressurePath(wheel)),
    }));
  return [
    sensor('state_of_charge', 'Battery', { device_class: 'battery', unit_of_measurement: '%', value_template: signal(VSS.stateOfCharge) }),
    sensor('range', 'Range', { device_class: 'distance', unit_of_measurement: 'km', value_template: signal(VSS.range, ' / 1000') }),
    sensor('cabin_temperature', 'Cabin temperature', { device_class: 'temperature', unit_of_measurement: '°C', value_template: signal(VSS.cabinTemperature) }),
    ...tyres,
    {
      component: 'device_tracker', nodeId, objectId: 'location',
      config: {
        name: 'Location', unique_id: haId(`twinbench_${vehicle.vin}_location`), default_entity_id: `device_tracker.${haId(`${vehicle.id}_location`).toLowerCase()}`, device, source_type: 'gps',
        state_topic: state, value_template: "{{ 'home' if value_json.at_home else 'not_home' }}",
        json_attributes_topic: state,
        json_attributes_template: "{{ {'latitude': value_json.location.latitude, 'longitude': value_json.location.longitude, 'gps_accuracy': 5} | tojson }}",
        ...availability(topics, runId),
      },
    },
  ];
}

/** `homeassistant/<component>/<node_id>/<object_id>/config`. */
export function configTopic(prefix: string, entity: HaEntity): string {
  return `${prefix}/${entity.component}/${entity.nodeId}/${entity.objectId}/config`;
}
