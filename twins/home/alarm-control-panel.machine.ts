// Twin of the home's security panel (Home Assistant `alarm_control_panel`, Matter has no panel type yet): disarmed,
// armed_home (perimeter only, people inside), armed_away (everything) and triggered. Arming is an ordinary command;
// disarming is critical (twins/security/critical-commands.ts) and is verified before it reaches this machine, which
// records who disarmed it. A trigger while disarmed is ignored: a disarmed panel never sounds.
import { assign, emit, setup } from 'xstate';

export interface AlarmPanelContext {
  entityId: string;
  /** Who armed or disarmed it last (HA's `changed_by`), null until someone does. */
  changedBy: string | null;
}

export type AlarmPanelInput = { entityId: string };

export type AlarmPanelEvent =
  | { type: 'ALARM.ARM_HOME'; by?: string }
  | { type: 'ALARM.ARM_AWAY'; by?: string }
  | { type: 'ALARM.DISARM'; by: string }
  | { type: 'ALARM.TRIGGER'; zone?: string };

/** Emitted outputs the simulation forwards as messages. */
export type AlarmPanelEmitted =
  | { type: 'alarm_panel.armed'; entityId: string; mode: 'armed_home' | 'armed_away'; by: string | null }
  | { type: 'alarm_panel.disarmed'; entityId: string; by: string }
  | { type: 'alarm_panel.triggered'; entityId: string; zone: string | null };

const byOf = (event: AlarmPanelEvent): string | null => ('by' in event && typeof event.by === 'string' ? event.by : null);

export const alarmControlPanelMachine = setup({
  types: { context: {} as AlarmPanelContext, events: {} as AlarmPanelEvent, input: {} as AlarmPanelInput, emitted: {} as AlarmPanelEmitted },
  actions: {
    remember: assign(({ event }) => ({ changedBy: byOf(event) })),
    emitArmedHome: emit(({ context, event }) => ({ type: 'alarm_panel.armed' as const, entityId: context.entityId, mode: 'armed_home' as const, by: byOf(event) })),
    emitArmedAway: emit(({ context, event }) => ({ type: 'alarm_panel.armed' as const, entityId: context.entityId, mode: 'armed_away' as const, by: byOf(event) })),
    emitDisarmed: emit(({ context, event }) => ({ type: 'alarm_panel.disarmed' as const, entityId: context.entityId, by: byOf(event) ?? '' })),
    emitTriggered: emit(({ context, event }) => ({
      type: 'alarm_panel.triggered' as const, entityId: context.entityId, zone: event.type === 'ALARM.TRIGGER' ? (event.zone ?? null) : null,
    })),
  },
}).createMachine({
  id: 'alarm_control_panel',
  context: ({ input }) => ({ entityId: input.entityId, changedBy: null }),
  initial: 'disarmed',
  states: {
    disarmed: {
      on: {
        'ALARM.ARM_HOME': { target: 'armed_home', actions: ['remember', 'emitArmedHome'] },
        'ALARM.ARM_AWAY': { target: 'armed_away', actions: ['remember', 'emitArmedAway'] },
      },
    },
    armed_home: {
      on: {
        'ALARM.ARM_AWAY': { target: 'armed_away', actions: ['remember', 'emitArmedAway'] },
        'ALARM.DISARM': { target: 'disarmed', actions: ['remember', 'emitDisarmed'] },
        'ALARM.TRIGGER': { target: 'triggered', actions: 'emitTriggered' },
      },
    },
    armed_away: {
      on: {
        'ALARM.ARM_HOME': { target: 'armed_home', actions: ['remember', 'emitArmedHome'] },
        'ALARM.DISARM': { target: 'disarmed', actions: ['remember', 'emitDisarmed'] },
        'ALARM.TRIGGER': { target: 'triggered', actions: 'emitTriggered' },
      },
    },
    // Sounding until someone disarms it; arming again does not silence it.
    triggered: { on: { 'ALARM.DISARM': { target: 'disarmed', actions: ['remember', 'emitDisarmed'] } } },
  },
});
