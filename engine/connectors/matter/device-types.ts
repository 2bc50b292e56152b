// Which Matter device type each home twin is bridged as, and its attributes for the twin's state at a virtual time.
// One row per twin kind (a binary sensor by its device class); the wallbox is a Matter 1.3 EVSE. Twins with no Matter device type here — the camera,
// the speaker, the screens, the NAS, the gas detector (Matter has no natural-gas alarm) — are not bridged; the
// bridge lists them when it starts.
import { BridgedDeviceBasicInformationServer } from '@matter/main/behaviors/bridged-device-basic-information';
import { BooleanStateServer } from '@matter/main/behaviors/boolean-state';
import { SmokeCoAlarmServer } from '@matter/main/behaviors/smoke-co-alarm';
import { DoorLock, EnergyEvse, EnergyEvseMode, FanControl, SmokeCoAlarm, Thermostat, WindowCovering } from '@matter/main/clusters';
import { EnergyEvseModeServer } from '@matter/main/behaviors/energy-evse-mode';
import { EnergyEvseDevice } from '@matter/main/devices/energy-evse';
import { AirPurifierDevice } from '@matter/main/devices/air-purifier';
import { ContactSensorDevice } from '@matter/main/devices/contact-sensor';
import { DimmableLightDevice } from '@matter/main/devices/dimmable-light';
import { DoorLockDevice } from '@matter/main/devices/door-lock';
import { FanDevice } from '@matter/main/devices/fan';
import { SmokeCoAlarmDevice } from '@matter/main/devices/smoke-co-alarm';
import { ThermostatDevice } from '@matter/main/devices/thermostat';
import { WaterLeakDetectorDevice } from '@matter/main/devices/water-leak-detector';
import { WindowCoveringDevice } from '@matter/main/devices/window-covering';
import type { EndpointType } from '@matter/main';
import type { TwinActor } from '../../../twins';
import { coverPositionAt, currentTemperatureAt, type ClimateContext, type CoverContext } from '../../../twins/home';
import {
  SYSTEM_MODES, TwinDoorLockServer, TwinEnergyEvseServer, kwToMilliamps, TwinFanControlServer, TwinLevelControlServer, TwinOnOffServer, TwinThermostatServer, TwinWindowCoveringServer,
} from './twin-behaviors';

/** Cluster id → attribute → value: what `endpoint.set()` takes. */
export type AttributePatch = Record<string, Record<string, unknown>>;

export interface BridgedType {
  /** Matter device type name, for the listing. */
  matter: string;
  type: EndpointType;
  /** The endpoint's attributes for the twin's state at virtual time `t`. */
  attributes(twin: TwinActor, t: number): AttributePatch;
  /** Attributes Matter requires that the twin has no say in (set once, when the endpoint is made). */
  fixed?: AttributePatch;
}

const Bridged = BridgedDeviceBasicInformationServer;
const SmokeAlarm = SmokeCoAlarmServer.with(SmokeCoAlarm.Feature.SmokeAlarm);

/** Twin brightness (0…255) → Matter level (1…254). */
export const levelOf = (brightness: number): number => Math.max(1, Math.min(254, Math.round((brightness * 254) / 255)));
/** Twin open percent → Matter lift in 100ths of a percent, closed = 10,000. */
export const liftOf = (openPercent: number): number => Math.round((100 - Math.max(0, Math.min(100, openPercent))) * 100);

const LIGHT: BridgedType = {
  matter: 'DimmableLight',
  type: DimmableLightDevice.with(Bridged, TwinOnOffServer, TwinLevelControlServer),
  attributes: (twin) => ({
    onOff: { onOff: twin.state === 'on' },
    levelControl: { currentLevel: levelOf(Number(twin.context.brightness ?? 255)) },
  }),
};

const LOCK_STATES: Record<string, DoorLock.LockState> = {
  locked: DoorLock.LockState.Locked, unlocked: DoorLock.LockState.Unlocked, jammed: DoorLock.LockState.NotFullyLocked,
};

const LOCK: BridgedType = {
  matter: 'DoorLock',
  type: DoorLockDevice.with(Bridged, TwinDoorLockServer),
  attributes: (twin) => ({ doorLock: { lockState: LOCK_STATES[twin.state] ?? DoorLock.LockState.NotFullyLocked } }),
  fixed: { doorLock: { lockType: DoorLock.LockType.DeadBolt, actuatorEnabled: true, operatingMode: DoorLock.OperatingMode.Normal, wrongCodeEntryLimit: 3, userCodeTemporaryDisableTime: 10 } },
};

const MOVEMENT = { stopped: WindowCovering.MovementStatus.Stopped, opening: WindowCovering.MovementStatus.Opening, closing: WindowCovering.MovementStatus.Closing };

const COVER: BridgedType = {
  matter: 'WindowCovering',
  type: WindowCoveringDevice.with(Bridged, TwinWindowCoveringServer),
  attributes: (twin, t) => {
    const cover = twin.context as unknown as CoverContext;
    const now = liftOf(coverPositionAt(cover, t));
    const target = cover.movingTowards === null ? now : liftOf(cover.movingTowards);
    const moving = cover.movingTowards === null ? MOVEMENT.stopped : cover.movingTowards > cover.position ? MOVEMENT.opening : MOVEMENT.closing;
    return {
      windowCovering: {
        currentPositionLiftPercent100ths: now, targetPositionLiftPercent100ths: target,
        operationalStatus: { global: moving, lift: moving, tilt: MOVEMENT.stopped },
      },
    };
  },
};

const fanAttributes = (twin: TwinActor): AttributePatch => {
  const on = twin.state === 'on';
  const percent = on ? Number(twin.context.percentage ?? 100) : 0;
  return { fanControl: { fanMode: on ? FanControl.FanMode.High : FanControl.FanMode.Off, percentSetting: percent, percentCurrent: percent } };
};
/** The twins' fans are on or off at a percentage: Matter's simplest sequence, with the speed as a percentage. */
const FAN_FIXED: AttributePatch = { fanControl: { fanModeSequence: FanControl.FanModeSequence.OffHigh } };

const FAN: BridgedType = { matter: 'Fan', type: FanDevice.with(Bridged, TwinFanControlServer), attributes: fanAttributes, fixed: FAN_FIXED };
const AIR_PURIFIER: BridgedType = { matter: 'AirPurifier', type: AirPurifierDevice.with(Bridged, TwinFanControlServer), attributes: fanAttributes, fixed: FAN_FIXED };

const CLIMATE: BridgedType = {
  matter: 'Thermostat',
  type: ThermostatDevice.with(Bridged, TwinThermostatServer),
  attributes: (twin, t) => {
    const room = twin.context as unknown as ClimateContext;
    const target = Math.round(room.targetTemperature * 100);
    return {
      thermostat: {
        localTemperature: Math.round(currentTemperatureAt(room, t) * 100),
        systemMode: SYSTEM_MODES[room.hvacMode] ?? Thermostat.SystemMode.Off,
        occupiedHeatingSetpoint: target, occupiedCoolingSetpoint: target,
      },
    };
  },
  fixed: { thermostat: { controlSequenceOfOperation: Thermostat.ControlSequenceOfOperation.CoolingAndHeating, minSetpointDeadBand: 0 } },
};

const alarmOn = (twin: TwinActor): boolean => twin.state === 'on';

const LEAK: BridgedType = {
  matter: 'WaterLeakDetector',
  type: WaterLeakDetectorDevice.with(Bridged, BooleanStateServer),
  attributes: (twin) => ({ booleanState: { stateValue: alarmOn(twin) } }),
};

const SMOKE: BridgedType = {
  matter: 'SmokeCoAlarm',
  type: SmokeCoAlarmDevice.with(Bridged, SmokeAlarm),
  attributes: (twin) => ({
    smokeCoAlarm: {
      smokeState: alarmOn(twin) ? SmokeCoAlarm.AlarmState.Critical : SmokeCoAlarm.AlarmState.Normal,
      expressedState: alarmOn(twin) ? SmokeCoAlarm.ExpressedState.SmokeAlarm : SmokeCoAlarm.ExpressedState.Normal,
    },
  }),
};

/** A door or window contact: Matter's BooleanState is true while the contact is closed, the twin is `on` when open. */
const CONTACT: BridgedType = {
  matter: 'ContactSensor',
  type: ContactSensorDevice.with(Bridged, BooleanStateServer),
  attributes: (twin) => ({ booleanState: { stateValue: !alarmOn(twin) } }),
};

const EVSE_STATES: Record<string, EnergyEvse.State> = {
  available: EnergyEvse.State.NotPluggedIn, connected: EnergyEvse.State.PluggedInDemand,
  charging: EnergyEvse.State.PluggedInCharging, suspended: EnergyEvse.State.PluggedInDemand,
};

/** The wallbox as a Matter EVSE: currents at 230 V, and one manual mode (the twin has no schedules of its own). */
const EVSE: BridgedType = {
  matter: 'EnergyEvse',
  type: EnergyEvseDevice.with(Bridged, TwinEnergyEvseServer, EnergyEvseModeServer),
  attributes: (twin) => {
    const c = twin.context;
    const limitKw = Number(c.powerLimitKw ?? 0);
    const connectedNoDemand = twin.state === 'connected' && Number(c.evRequestKw ?? 0) <= 0;
    return {
      energyEvse: {
        state: connectedNoDemand ? EnergyEvse.State.PluggedInNoDemand : (EVSE_STATES[twin.state] ?? EnergyEvse.State.Fault),
        supplyState: limitKw > 0 ? EnergyEvse.SupplyState.ChargingEnabled : EnergyEvse.SupplyState.Disabled,
        maximumChargeCurrent: kwToMilliamps(limitKw),
        sessionId: Number(c.sessionsStarted ?? 0) > 0 ? Number(c.sessionsStarted) : null,
      },
    };
  },
  fixed: {
    energyEvse: { faultState: EnergyEvse.FaultState.NoError, chargingEnabledUntil: null, minimumChargeCurrent: 6_000, circuitCapacity: 32_000 },
    energyEvseMode: { supportedModes: [{ label: 'Manual', mode: 0, modeTags: [{ value: EnergyEvseMode.ModeTag.Manual }] }], currentMode: 0 },
  },
};

const BY_DEVICE_CLASS: Record<string, BridgedType> = { moisture: LEAK, smoke: SMOKE, door: CONTACT, window: CONTACT, opening: CONTACT, garage_door: CONTACT };

/** The Matter device a twin is bridged as, or undefined when Matter has none for it. */
export function bridgedTypeOf(twin: TwinActor): BridgedType | undefined {
  switch (twin.kind) {
    case 'light': return LIGHT;
    case 'lock': return LOCK;
    case 'cover': return COVER;
    case 'climate': return CLIMATE;
    case 'fan': return /purifier/.test(twin.id) ? AIR_PURIFIER : FAN;
    case 'evse': return EVSE;
    case 'binary_sensor': return BY_DEVICE_CLASS[String(twin.context.deviceClass ?? '')];
    default: return undefined;
  }
}

/** Both patches, cluster by cluster (`b` wins). */
export function mergePatches(a: AttributePatch, b: AttributePatch): AttributePatch {
  const out: AttributePatch = { ...a };
  for (const [cluster, values] of Object.entries(b)) out[cluster] = { ...out[cluster], ...values };
  return out;
}
