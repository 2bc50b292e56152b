// The car–home traffic the bus, recorder and UI benchmarks carry: commands from a car to devices of its own home,
// in a fixed cycle where each one changes the device's state and opening the window is a critical (signed) command.
import type { Intent } from '../twins/sim/ecosystem-codec';

const CYCLE: readonly { device: string; intent: (j: number) => Omit<Intent, 'deviceId'> }[] = [
  { device: 'light.hallway', intent: (j) => ({ capability: 'light', name: 'turn_on', attributes: { brightness_pct: 10 + (j % 90) } }) },
  { device: 'cover.living_room_window', intent: () => ({ capability: 'cover', name: 'open_cover', attributes: {} }) },
  { device: 'light.hallway', intent: () => ({ capability: 'light', name: 'turn_off', attributes: {} }) },
  { device: 'cover.living_room_window', intent: () => ({ capability: 'cover', name: 'close_cover', attributes: {} }) },
];

/** The `j`-th command a car sends its home: the device (entity id in the home) and the intent. */
export function roundTripCommand(j: number): { device: string; intent: Intent } {
  const { device, intent } = CYCLE[j % CYCLE.length]!;
  return { device, intent: { ...intent(j), deviceId: device } };
}
