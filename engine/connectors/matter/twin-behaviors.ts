// Matter commands → twin commands. Each server below replaces matter.js's default logic (which would change the
// attributes on the spot) with one twin command sent as the paired Matter controller: the twin decides, the policy
// may refuse, and the attributes follow the twin afterwards (state-sync.ts). Commands with no twin counterpart
// (a light's level "move"/"step", a cover's tilt) fail with UNSUPPORTED_COMMAND rather than drift from the twin.
// Clusters a controller changes by writing attributes (fan speed, thermostat mode and setpoints) forward the write
// as a command once Matter has stored it; a write the twin does not take is undone (twin-binding.ts, forwardWrite).
import { DoorLockServer } from '@matter/main/behaviors/door-lock';
import { EnergyEvseServer } from '@matter/main/behaviors/energy-evse';
import { FanControlServer } from '@matter/main/behaviors/fan-control';
import { LevelControlServer } from '@matter/main/behaviors/level-control';
import { OnOffServer } from '@matter/main/behaviors/on-off';
import { ThermostatServer } from '@matter/main/behaviors/thermostat';
import { WindowCoveringServer } from '@matter/main/behaviors/window-covering';
import { EnergyEvse, FanControl, LevelControl, Thermostat, WindowCovering } from '@matter/main/clusters';
import { StatusResponse } from '@matter/main/types';
import { bindingResync, forward, forwardWrite, isRemote } from './twin-binding';

const unsupported = (what: string): never => {
  throw new StatusResponse.UnsupportedCommandError(`${what} has no counterpart on the twin; use moveToLevel / on / off`);
};

/** Matter level (1…254) ⇄ the twin's brightness percentage. */
export const levelToPercent = (level: number): number => Math.max(1, Math.min(100, Math.round((level / 254) * 100)));

export class TwinOnOffServer extends OnOffServer {
  override async on(): Promise<void> {
    await forward(this.endpoint, this.context, 'turn_on');
  }

  override async off(): Promise<void> {
    await forward(this.endpoint, this.context, 'turn_off');
  }

  override async toggle(): Promise<void> {
    await forward(this.endpoint, this.context, this.state.onOff ? 'turn_off' : 'turn_on');
  }
}

export class TwinLevelControlServer extends LevelControlServer {
  override async moveToLevel({ level }: LevelControl.MoveToLevelRequest): Promise<void> {
    await forward(this.endpoint, this.context, 'turn_on', { brightness_pct: levelToPercent(level) });
  }

  override async moveToLevelWithOnOff(request: LevelControl.MoveToLevelRequest): Promise<void> {
    await this.moveToLevel(request);
  }

  override move(): void {
    unsupported('LevelControl.move');
  }

  override moveWithOnOff(): void {
    unsupported('LevelControl.moveWithOnOff');
  }

  override step(): void {
    unsupported('LevelControl.step');
  }

  override stepWithOnOff(): void {
    unsupported('LevelControl.stepWithOnOff');
  }

  override stop(): void {
    unsupported('LevelControl.stop');
  }

  override stopWithOnOff(): void {
    unsupported('LevelControl.stopWithOnOff');
  }
}

export class TwinDoorLockServer extends DoorLockServer {
  override async lockDoor(): Promise<void> {
    await forward(this.endpoint, this.context, 'lock');
  }

  override async unlockDoor(): Promise<void> {
    await forward(this.endpoint, this.context, 'unlock');
  }
}

const LiftCovering = WindowCoveringServer.with(WindowCovering.Feature.Lift, WindowCovering.Feature.PositionAwareLift);

/** Matter counts a cover's lift from open (0) to closed (10,000); the twin's position is open percent. */
export const openPercentOf = (liftPercent100ths: number): number => Math.round(100 - liftPercent100ths / 100);

export class TwinWindowCoveringServer extends LiftCovering {
  override async upOrOpen(): Promise<void> {
    await forward(this.endpoint, this.context, 'open_cover');
  }

  override async downOrClose(): Promise<void> {
    await forward(this.endpoint, this.context, 'close_cover');
  }

  override async stopMotion(): Promise<void> {
    await forward(this.endpoint, this.context, 'stop_cover');
  }

  override async goToLiftPercentage({ liftPercent100thsValue }: WindowCovering.GoToLiftPercentageRequest): Promise<void> {
    await forward(this.endpoint, this.context, 'set_cover_position', { position: openPercentOf(liftPercent100thsValue) });
  }
}

export class TwinFanControlServer extends FanControlServer {
  override initialize(): ReturnType<FanControlServer['initialize']> {
    this.reactTo(this.events.percentSetting$Changed, this.forwardPercent);
    this.reactTo(this.events.fanMode$Changed, this.forwardMode);
    return super.initialize();
  }

  private forwardPercent(value: number | null, _old: number | null, context: unknown): void {
    if (!isRemote(context) || value === null) return;
    forwardWrite(this.endpoint, context, value === 0 ? 'turn_off' : 'turn_on', value === 0 ? {} : { percentage: value });
  }

  private forwardMode(value: FanControl.FanMode, _old: FanControl.FanMode, context: unknown): void {
    if (!isRemote(context)) return;
    forwardWrite(this.endpoint, context, value === FanControl.FanMode.Off ? 'turn_off' : 'turn_on');
  }
}

const HeatCoolAuto = ThermostatServer.with(Thermostat.Feature.Heating, Thermostat.Feature.Cooling, Thermostat.Feature.AutoMode);

/** Matter's system modes the twin knows, both ways. */
export const SYSTEM_MODES: Record<string, Thermostat.SystemMode> = {
  off: Thermostat.SystemMode.Off, cool: Thermostat.SystemMode.Cool, heat: Thermostat.SystemMode.Heat, auto: Thermostat.SystemMode.Auto, fan_only: Thermostat.SystemMode.FanOnly,
};

export class TwinThermostatServer extends HeatCoolAuto {
  override async initialize(): Promise<void> {
    await super.initialize();
    this.reactTo(this.events.systemMode$Changed, this.forwardMode);
    this.reactTo(this.events.occupiedCoolingSetpoint$Changed, this.forwardSetpoint);
    this.reactTo(this.events.occupiedHeatingSetpoint$Changed, this.forwardSetpoint);
  }

  private forwardMode(value: Thermostat.SystemMode, _old: Thermostat.SystemMode, context: unknown): void {
    if (!isRemote(context)) return;
    const mode = Object.entries(SYSTEM_MODES).find(([, m]) => m === value)?.[0];
    // A mode the twin lacks (emergency heat, sleep …): undone at once, the twin never saw it.
    if (mode === undefined) return void bindingResync(this.endpoint);
    forwardWrite(this.endpoint, context, 'set_hvac_mode', { hvac_mode: mode });
  }

  private forwardSetpoint(value: number, _old: number, context: unknown): void {
    if (!isRemote(context)) return;
    forwardWrite(this.endpoint, context, 'set_temperature', { temperature: value / 100 });
  }
}

/** Mains voltage the bridge assumes to turn the twin's kilowatts into Matter's milliamps (single phase, EU). */
export const EVSE_VOLTS = 230;
export const kwToMilliamps = (kw: number): number => Math.round((kw * 1e6) / EVSE_VOLTS);
export const milliampsToKw = (mA: number): number => Math.round(((mA * EVSE_VOLTS) / 1e6) * 100) / 100;

export class TwinEnergyEvseServer extends EnergyEvseServer {
  /** Disable: the session stops (the twin keeps its power limit for the next one). */
  override async disable(): Promise<void> {
    await forward(this.endpoint, this.context, 'stop_charging');
  }

  /** EnableCharging: the maximum current becomes the twin's power limit, and a plugged-in car starts charging. */
  override async enableCharging({ maximumChargeCurrent }: EnergyEvse.EnableChargingRequest): Promise<void> {
    await forward(this.endpoint, this.context, 'set_power_limit', { power_limit_kw: milliampsToKw(Number(maximumChargeCurrent)) });
    if (this.state.state === EnergyEvse.State.PluggedInDemand || this.state.state === EnergyEvse.State.PluggedInNoDemand) {
      await forward(this.endpoint, this.context, 'start_charging');
    }
  }
}
