// What a device card shows and offers, per Home Assistant domain: a headline state, a few facts, and the one-click
// controls that make sense in the device's current state — each a home-cloud command (HA service name) that the
// engine sends over the bus and the security layer. Critical ones (unlock, disarm, open a window) are offered too:
// the policy, not the card, decides, and the card shows its refusal.
import type { Json, TwinView } from '../../../protocol';

export interface DeviceControl {
  label: string;
  command: string;
  attributes?: { [key: string]: Json };
}

export interface DeviceFace {
  /** The state in words (`on · 40 %`, `locked`, `cool → 22 °C`). */
  headline: string;
  /** The card is lit (a light on, a door unlocked, a charger charging): HA's active colour. */
  active: boolean;
  controls: DeviceControl[];
}

const num = (v: Json | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ctx = (view: TwinView): { [key: string]: Json } => (view.context !== null && typeof view.context === 'object' && !Array.isArray(view.context) ? view.context : {});

export function deviceFace(view: TwinView): DeviceFace {
  const c = ctx(view);
  const s = view.state;
  switch (view.kind) {
    case 'light': {
      const pct = Math.round(((num(c.brightness) ?? 255) / 255) * 100);
      return s === 'on'
        ? { headline: `on · ${pct} %`, active: true, controls: [{ label: 'Turn off', command: 'turn_off' }, { label: 'Dim to 30 %', command: 'turn_on', attributes: { brightness_pct: 30 } }] }
        : { headline: 'off', active: false, controls: [{ label: 'Turn on', command: 'turn_on' }] };
    }
    case 'lock':
      return s === 'unlocked'
        ? { headline: 'unlocked', active: true, controls: [{ label: 'Lock', command: 'lock' }] }
        : { headline: s, active: false, controls: s === 'locked' ? [{ label: 'Unlock', command: 'unlock' }] : [] };
    case 'climate': {
      const target = num(c.targetTemperature) ?? 24;
      const current = num(c.currentTemperature);
      const mode = typeof c.hvacMode === 'string' ? c.hvacMode : s;
      const on = mode !== 'off';
      return {
        headline: `${mode}${on ? ` → ${target} °C` : ''}${current !== undefined ? ` · room ${current.toFixed(1)} °C` : ''}`, active: on,
        controls: [
          on ? { label: 'Turn off', command: 'turn_off' } : { label: 'Turn on', command: 'turn_on' },
          { label: `${target - 1} °C`, command: 'set_temperature', attributes: { temperature: target - 1 } },
          { label: `${target + 1} °C`, command: 'set_temperature', attributes: { temperature: target + 1 } },
        ],
      };
    }
    case 'cover': {
      const position = num(c.position) ?? 0;
      const moving = c.movingTowards !== null && c.movingTowards !== undefined;
      return {
        headline: `${s} · ${Math.round(position)} %`, active: position > 0,
        controls: moving ? [{ label: 'Stop', command: 'stop_cover' }] : [{ label: 'Open', command: 'open_cover' }, { label: 'Close', command: 'close_cover' }],
      };
    }
    case 'fan':
      return s === 'off'
        ? { headline: 'off', active: false, controls: [{ label: 'Turn on', command: 'turn_on' }] }
        : { headline: `${s} · ${num(c.percentage) ?? 0} %`, active: true, controls: [{ label: 'Turn off', command: 'turn_off' }] };
    case 'evse': {
      const charging = c.sessionActive === true;
      const kw = num(c.lastReportedPowerKw) ?? 0;
      return {
        headline: `${s}${charging ? ` · ${kw.toFixed(1)} kW` : ''} · limit ${num(c.powerLimitKw) ?? '—'} kW`, active: charging,
        controls: charging ? [{ label: 'Stop charging', command: 'stop_charging' }] : [{ label: 'Start charging', command: 'start_charging' }],
      };
    }
    case 'alarm_control_panel':
      return s === 'disarmed'
        ? { headline: 'disarmed', active: false, controls: [{ label: 'Arm home', command: 'alarm_arm_home' }, { label: 'Arm away', command: 'alarm_arm_away' }] }
        : { headline: s, active: true, controls: [{ label: 'Disarm', command: 'alarm_disarm' }] };
    case 'media_player':
      return { headline: s.replace(/,/g, ' · '), active: s.includes('playing'), controls: s.includes('playing') ? [{ label: 'Pause', command: 'media_pause' }] : [] };
    case 'camera':
      return { headline: s.replace(/,/g, ' · '), active: s.includes('streaming') || s.includes('recording.'), controls: [{ label: 'Show stream', command: 'play_stream' }] };
    case 'binary_sensor':
      return { headline: `${typeof c.deviceClass === 'string' ? `${c.deviceClass}: ` : ''}${s === 'on' ? 'detected' : 'clear'}`, active: s === 'on', controls: [] };
    default:
      return { headline: s.replace(/,/g, ' · '), active: false, controls: [] };
  }
}

/** The card's label: the entity's name in words (`light.living_room` → `Living room`). */
export function deviceName(address: string): string {
  const entity = address.split('/').slice(2).join('/');
  const name = entity.includes('.') ? entity.slice(entity.indexOf('.') + 1) : entity;
  const words = name.replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : address;
}
