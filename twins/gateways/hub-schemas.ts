// The hub's mapping tables between the two ecosystems' schemas. The vehicle cloud speaks camelCase services and
// actions with COVESA VSS paths for car signals; the home cloud speaks Home Assistant / Matter style
// capabilities, snake_case commands and attributes. One row per capability; every action and field named here
// translates both ways, anything else is untranslatable (and the message fails, visibly).

export interface FieldMapping {
  /** Name in the vehicle cloud's `params` (a VSS path for car signals). */
  vehicle: string;
  /** Name in the home cloud's `attributes`. */
  home: string;
  /** home value = vehicle value × scale (e.g. volume 0–100 % ⇄ HA volume_level 0–1). */
  scale?: number;
}

export interface CapabilityMapping {
  /** Vehicle-cloud service, e.g. `home.climate` or `vehicle.status`. */
  service: string;
  /** Home-cloud capability (HA domain / Matter device type), e.g. `climate`. */
  capability: string;
  /** [vehicle action, home command or event]. */
  actions: readonly (readonly [string, string])[];
  fields: readonly FieldMapping[];
}

const field = (vehicle: string, home: string, scale?: number): FieldMapping => (scale === undefined ? { vehicle, home } : { vehicle, home, scale });
const STATE = field('state', 'state');
const GET: readonly [string, string] = ['getState', 'get_state'];
const CHANGED: readonly [string, string] = ['stateChanged', 'state_changed'];
const ON: readonly [string, string] = ['turnOn', 'turn_on'];
const OFF: readonly [string, string] = ['turnOff', 'turn_off'];

/** Home devices the car controls or hears from (car → home commands and queries, home → car events). */
const HOME_DEVICES: readonly CapabilityMapping[] = [
  {
    service: 'home.climate',
    capability: 'climate',
    actions: [['setTemperature', 'set_temperature'], ['setHvacMode', 'set_hvac_mode'], ON, OFF, GET, CHANGED],
    fields: [field('celsius', 'temperature'), field('hvacMode', 'hvac_mode'), field('currentCelsius', 'current_temperature'), STATE],
  },
  {
    service: 'home.light',
    capability: 'light',
    actions: [ON, OFF, GET, CHANGED],
    fields: [field('brightnessPercent', 'brightness_pct'), field('colorTempKelvin', 'color_temp_kelvin'), STATE],
  },
  {
    service: 'home.cover',
    capability: 'cover',
    actions: [['open', 'open_cover'], ['close', 'close_cover'], ['stop', 'stop_cover'], ['setPosition', 'set_cover_position'], GET, CHANGED],
    fields: [field('positionPercent', 'position'), field('currentPositionPercent', 'current_position'), STATE],
  },
  {
    service: 'home.lock',
    capability: 'lock',
    actions: [['lock', 'lock'], ['unlock', 'unlock'], GET, CHANGED],
    fields: [STATE],
  },
  {
    service: 'home.fan',
    capability: 'fan',
    actions: [ON, OFF, ['setSpeed', 'set_percentage'], GET, CHANGED],
    fields: [field('speedPercent', 'percentage'), STATE],
  },
  {
    service: 'home.vacuum',
    capability: 'vacuum',
    actions: [['start', 'start'], ['stop', 'stop'], ['pause', 'pause'], ['returnToBase', 'return_to_base'], GET, CHANGED],
    fields: [STATE],
  },
  { service: 'home.switch', capability: 'switch', actions: [ON, OFF, GET, CHANGED], fields: [STATE] },
  { service: 'home.scene', capability: 'scene', actions: [['activate', 'turn_on']], fields: [] },
  {
    service: 'home.binarySensor',
    capability: 'binary_sensor',
    actions: [GET, CHANGED],
    fields: [field('deviceClass', 'device_class'), STATE],
  },
  {
    service: 'home.sensor',
    capability: 'sensor',
    actions: [GET, CHANGED],
    fields: [field('deviceClass', 'device_class'), field('value', 'state'), field('unit', 'unit_of_measurement')],
  },
  {
    service: 'home.doorbell',
    capability: 'event',
    actions: [CHANGED],
    fields: [field('eventType', 'event_type'), field('snapshotUrl', 'entity_picture')],
  },
  {
    service: 'home.camera',
    capability: 'camera',
    actions: [['startStream', 'play_stream'], ['stopStream', 'stop_stream'], GET],
    fields: [field('streamUrl', 'stream_source'), STATE],
  },
  {
    // The NAS: dashcam / drone clips committed after their upload, films opened to stream them to the car.
    service: 'home.storage',
    capability: 'storage',
    actions: [['saveClip', 'save_clip'], ['openMedia', 'open_media'], GET],
    fields: [field('clipId', 'clip_id'), field('sizeBytes', 'size_bytes'), field('mediaId', 'media_content_id'), STATE],
  },
  {
    // Home screens the car asks something on (the arriving driver's "start a video call?").
    service: 'home.screen',
    capability: 'screen',
    actions: [['showPrompt', 'prompt'], GET],
    fields: [field('promptId', 'prompt_id'), field('title', 'title'), field('expiresAfterMs', 'expires_after_ms'), STATE],
  },
  {
    // Named after the HA domain so grant scopes read `home.alarm_control_panel:alarm_disarm`.
    service: 'home.alarm_control_panel',
    capability: 'alarm_control_panel',
    actions: [['armHome', 'alarm_arm_home'], ['armAway', 'alarm_arm_away'], ['disarm', 'alarm_disarm'], GET, CHANGED],
    fields: [field('code', 'code'), STATE],
  },
  {
    service: 'home.media',
    capability: 'media_player',
    actions: [['playMedia', 'play_media'], ['pause', 'media_pause'], ['setVolume', 'volume_set'], ['announce', 'announce'], ON, OFF, GET, CHANGED],
    fields: [
      field('mediaId', 'media_content_id'), field('mediaType', 'media_content_type'), field('volumePercent', 'volume_level', 0.01),
      field('text', 'message'), STATE,
    ],
  },
  {
    service: 'home.charger',
    capability: 'ev_charger',
    actions: [['startCharging', 'start_charging'], ['stopCharging', 'stop_charging'], ['setCurrentLimit', 'set_current_limit'], GET, CHANGED],
    fields: [field('currentLimitAmpere', 'current_limit'), field('powerWatt', 'power'), STATE],
  },
];

/** The car as the home ecosystem sees it (home → car queries and commands, car → home alerts). */
const VEHICLE_SERVICES: readonly CapabilityMapping[] = [
  {
    service: 'vehicle.status',
    capability: 'vehicle',
    actions: [GET, CHANGED],
    fields: [
      field('Vehicle.Powertrain.TractionBattery.StateOfCharge.Current', 'battery_level'),
      field('Vehicle.Powertrain.TractionBattery.Charging.IsCharging', 'charging'),
      field('Vehicle.Powertrain.FuelSystem.RelativeLevel', 'fuel_level'),
      // VSS gives the range in metres; the home ecosystem shows kilometres.
      field('Vehicle.Powertrain.Range', 'range_km', 0.001),
      field('Vehicle.Speed', 'speed'),
      field('Vehicle.CurrentLocation.Latitude', 'latitude'),
      field('Vehicle.CurrentLocation.Longitude', 'longitude'),
      field('Vehicle.Cabin.Door.Row1.DriverSide.IsLocked', 'driver_door_locked'),
      field('Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked', 'passenger_door_locked'),
      field('Vehicle.Cabin.Door.Row2.DriverSide.IsLocked', 'rear_left_door_locked'),
      field('Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked', 'rear_right_door_locked'),
      field('Vehicle.Cabin.Door.Row1.DriverSide.Window.Position', 'driver_window_position'),
      field('Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position', 'passenger_window_position'),
      field('Vehicle.Cabin.Door.Row2.DriverSide.Window.Position', 'rear_left_window_position'),
      field('Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position', 'rear_right_window_position'),
      field('Vehicle.Cabin.HVAC.AmbientAirTemperature', 'cabin_temperature'),
      field('Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure', 'tire_pressure_front_left'),
      field('Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure', 'tire_pressure_front_right'),
      field('Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure', 'tire_pressure_rear_left'),
      field('Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure', 'tire_pressure_rear_right'),
      field('sentryEvent', 'sentry_event'),
      field('sentryClipId', 'sentry_clip_id'),
      // Rain sensor / weather service alert the car raises for the home (rainstorm scene).
      field('weatherAlert', 'weather_alert'),
      field('etaMinutes', 'eta_minutes'),
      // The doorbell call the car answered (or let expire) is over: the home closes its screens' video.
      field('doorbellCall', 'doorbell_call'),
      field('promptId', 'prompt_id'),
    ],
  },
  {
    service: 'vehicle.hvac',
    capability: 'vehicle_climate',
    actions: [['setTemperature', 'set_temperature'], ['precondition', 'precondition'], ON, OFF, GET],
    fields: [
      field('Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature', 'temperature'),
      field('Vehicle.Cabin.HVAC.IsAirConditioningActive', 'hvac_active'),
    ],
  },
  {
    service: 'vehicle.doors',
    capability: 'vehicle_lock',
    actions: [['lock', 'lock'], ['unlock', 'unlock'], GET],
    fields: [field('Vehicle.Cabin.Door.Row1.DriverSide.IsLocked', 'is_locked')],
  },
  {
    service: 'vehicle.remote',
    capability: 'vehicle_remote',
    actions: [['start', 'remote_start'], ['stop', 'remote_stop'], GET],
    fields: [STATE],
  },
  {
    service: 'vehicle.charging',
    capability: 'vehicle_charging',
    actions: [['startCharging', 'start_charging'], ['stopCharging', 'stop_charging'], ['setChargeLimit', 'set_charge_limit'], GET],
    fields: [
      field('Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit', 'charge_limit'),
      field('Vehicle.Powertrain.TractionBattery.Charging.IsCharging', 'charging'),
    ],
  },
  {
    service: 'vehicle.navigation',
    capability: 'vehicle_navigation',
    actions: [['setDestination', 'set_destination']],
    fields: [
      field('Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude', 'latitude'),
      field('Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Longitude', 'longitude'),
    ],
  },
  {
    service: 'vehicle.media',
    capability: 'vehicle_media',
    actions: [['playMedia', 'play_media']],
    fields: [field('mediaId', 'media_content_id'), field('mediaType', 'media_content_type')],
  },
  {
    service: 'vehicle.display',
    capability: 'vehicle_display',
    // Notifications, driver prompts (doorbell "unlock?", arrival "start home mode?") and picture-in-picture.
    actions: [
      ['showNotification', 'notify'], ['showPrompt', 'prompt'], ['showPictureInPicture', 'show_pip'],
      ['closePictureInPicture', 'close_pip'], ['promptAnswered', 'prompt_answered'],
    ],
    fields: [
      field('title', 'title'), field('message', 'message'), field('imageUrl', 'image'), field('severity', 'severity'),
      field('notificationId', 'notification_id'), field('promptId', 'prompt_id'), field('options', 'options'),
      field('expiresAfterMs', 'expires_after_ms'), field('answer', 'answer'), field('source', 'source'),
    ],
  },
];

export const CAPABILITY_MAPPINGS: readonly CapabilityMapping[] = [...HOME_DEVICES, ...VEHICLE_SERVICES];

export interface CompiledMapping extends CapabilityMapping {
  homeCommandOf: ReadonlyMap<string, string>;
  vehicleActionOf: ReadonlyMap<string, string>;
  homeFieldOf: ReadonlyMap<string, FieldMapping>;
  vehicleFieldOf: ReadonlyMap<string, FieldMapping>;
}

function compile(m: CapabilityMapping): CompiledMapping {
  return {
    ...m,
    homeCommandOf: new Map(m.actions.map(([v, h]) => [v, h])),
    vehicleActionOf: new Map(m.actions.map(([v, h]) => [h, v])),
    homeFieldOf: new Map(m.fields.map((f) => [f.vehicle, f])),
    vehicleFieldOf: new Map(m.fields.map((f) => [f.home, f])),
  };
}

const compiled = CAPABILITY_MAPPINGS.map(compile);
export const MAPPING_BY_SERVICE: ReadonlyMap<string, CompiledMapping> = new Map(compiled.map((m) => [m.service, m]));
export const MAPPING_BY_CAPABILITY: ReadonlyMap<string, CompiledMapping> = new Map(compiled.map((m) => [m.capability, m]));
