// Twin of a screen — car screen, home central panel, TV — as the scenes use it: a bounded list of
// notifications (newest first, acknowledgeable), one active prompt answered by CONFIRM / DECLINE or by its
// expiry, and a picture-in-picture window (the doorbell camera on every screen). Prompts that arrive while
// one is open wait in a queue; each one's expiry counts from when it is shown, not from when it arrived.
import { assign, emit, enqueueActions, setup } from 'xstate';

export type NotificationSeverity = 'info' | 'warning' | 'critical';
export interface ScreenNotification {
  id: string; title: string; body: string; severity: NotificationSeverity; at: number; acknowledged: boolean;
}
export interface ScreenPrompt { id: string; question: string; options: string[]; expiresAfterMs: number }
export interface PictureInPicture { source: string; title: string }

export interface ScreenContext {
  entityId: string;
  maxNotifications: number;
  notifications: ScreenNotification[];
  activePrompt: (ScreenPrompt & { shownAt: number }) | null;
  queuedPrompts: ScreenPrompt[];
  pictureInPicture: PictureInPicture | null;
}

export type ScreenInput = { entityId: string; maxNotifications?: number };

export type ScreenEvent =
  | { type: 'NOTIFICATION.POST'; notification: Omit<ScreenNotification, 'acknowledged'> }
  | { type: 'NOTIFICATION.ACKNOWLEDGE'; id: string }
  | { type: 'PROMPT.SHOW'; at: number; prompt: ScreenPrompt }
  | { type: 'PROMPT.CONFIRM'; at: number; promptId?: string; option?: string }
  | { type: 'PROMPT.DECLINE'; at: number; promptId?: string }
  /** The prompt was answered elsewhere (the same doorbell question on another screen): close it silently. */
  | { type: 'PROMPT.WITHDRAW'; at: number; promptId: string }
  | { type: 'PIP.SHOW'; pip: PictureInPicture }
  | { type: 'PIP.CLOSE' };

export type PromptAnswer = 'confirmed' | 'declined' | 'timeout';

/** Emitted outputs the simulation forwards as messages. */
export type ScreenEmitted =
  | {
      type: 'prompt.answered'; entityId: string; promptId: string; answer: PromptAnswer; option: string | null;
      at: number; responseTimeMs: number;
    }
  | { type: 'notification.acknowledged'; entityId: string; notificationId: string }
  // What a viewer sees appear, so a scenario can say "PiP shown on the car screen within 1.5 s".
  | { type: 'notification.shown'; entityId: string; notificationId: string; title: string; severity: NotificationSeverity }
  | { type: 'prompt.shown'; entityId: string; promptId: string; question: string }
  | { type: 'pip.shown'; entityId: string; source: string; title: string }
  | { type: 'pip.closed'; entityId: string };

// Only the expiry after-transition answers without an `at`: it happens exactly when the prompt expires.
const answerTime = (context: ScreenContext, event: { type: string }): number =>
  'at' in event && typeof event.at === 'number'
    ? event.at
    : (context.activePrompt?.shownAt ?? 0) + (context.activePrompt?.expiresAfterMs ?? 0);

// Once the active prompt is settled, re-enter `asking`: the next queued prompt gets a fresh expiry timer, or
// there is none and `asking` falls back to `idle`.
const nextPrompt = { target: 'asking', reenter: true } as const;

export const screenMachine = setup({
  types: { context: {} as ScreenContext, events: {} as ScreenEvent, input: {} as ScreenInput, emitted: {} as ScreenEmitted },
  actions: {
    postNotification: assign(({ context, event }) => {
      if (event.type !== 'NOTIFICATION.POST') return {};
      const others = context.notifications.filter((n) => n.id !== event.notification.id);
      return { notifications: [{ ...event.notification, acknowledged: false }, ...others].slice(0, context.maxNotifications) };
    }),
    acknowledge: assign(({ context, event }) => ({
      notifications: context.notifications.map((n) =>
        event.type === 'NOTIFICATION.ACKNOWLEDGE' && n.id === event.id ? { ...n, acknowledged: true } : n),
    })),
    emitAcknowledged: emit(({ context, event }) => ({
      type: 'notification.acknowledged' as const,
      entityId: context.entityId,
      notificationId: event.type === 'NOTIFICATION.ACKNOWLEDGE' ? event.id : '',
    })),
    showPrompt: assign(({ event }) => (event.type === 'PROMPT.SHOW' ? { activePrompt: { ...event.prompt, shownAt: event.at } } : {})),
    queuePrompt: assign(({ context, event }) =>
      event.type === 'PROMPT.SHOW' ? { queuedPrompts: [...context.queuedPrompts, event.prompt] } : {}),
    showNextPrompt: assign(({ context, event }) => {
      const [next, ...rest] = context.queuedPrompts;
      return { activePrompt: next ? { ...next, shownAt: answerTime(context, event) } : null, queuedPrompts: rest };
    }),
    unqueuePrompt: assign(({ context, event }) => ({
      queuedPrompts: context.queuedPrompts.filter((p) => !(event.type === 'PROMPT.WITHDRAW' && p.id === event.promptId)),
    })),
    emitAnswered: emit(({ context, event }, answer: PromptAnswer) => {
      const at = answerTime(context, event);
      const option = event.type === 'PROMPT.CONFIRM' ? (event.option ?? null) : null;
      const promptId = context.activePrompt?.id ?? '';
      const responseTimeMs = at - (context.activePrompt?.shownAt ?? at);
      return { type: 'prompt.answered' as const, entityId: context.entityId, promptId, answer, option, at, responseTimeMs };
    }),
    showPip: assign(({ event }) => (event.type === 'PIP.SHOW' ? { pictureInPicture: event.pip } : {})),
    closePip: assign({ pictureInPicture: null }),
    emitNotificationShown: emit(({ context, event }) => ({
      type: 'notification.shown' as const, entityId: context.entityId,
      notificationId: event.type === 'NOTIFICATION.POST' ? event.notification.id : '',
      title: event.type === 'NOTIFICATION.POST' ? event.notification.title : '',
      severity: event.type === 'NOTIFICATION.POST' ? event.notification.severity : ('info' as const),
    })),
    // Also after an answer, when the next queued prompt takes its place (and only if there is one).
    emitPromptShown: enqueueActions(({ context, enqueue }) => {
      if (context.activePrompt === null) return;
      enqueue.emit({ type: 'prompt.shown' as const, entityId: context.entityId, promptId: context.activePrompt.id, question: context.activePrompt.question });
    }),
    emitPipShown: emit(({ context }) => ({
      type: 'pip.shown' as const, entityId: context.entityId, source: context.pictureInPicture?.source ?? '', title: context.pictureInPicture?.title ?? '',
    })),
    emitPipClosed: emit(({ context }) => ({ type: 'pip.closed' as const, entityId: context.entityId })),
  },
  guards: {
    // An answer naming another prompt (a stale tap) must not answer the one now shown.
    answersActivePrompt: ({ context, event }) =>
      (event.type === 'PROMPT.CONFIRM' || event.type === 'PROMPT.DECLINE') &&
      (event.promptId === undefined || event.promptId === context.activePrompt?.id),
    noActivePrompt: ({ context }) => context.activePrompt === null,
    withdrawsActivePrompt: ({ context, event }) => event.type === 'PROMPT.WITHDRAW' && event.promptId === context.activePrompt?.id,
  },
  delays: { promptExpiry: ({ context }) => context.activePrompt?.expiresAfterMs ?? 0 },
}).createMachine({
  id: 'screen',
  context: ({ input }) => ({
    entityId: input.entityId, maxNotifications: input.maxNotifications ?? 20,
    notifications: [], activePrompt: null, queuedPrompts: [], pictureInPicture: null,
  }),
  type: 'parallel',
  on: {
    'NOTIFICATION.POST': { actions: ['postNotification', 'emitNotificationShown'] },
    'NOTIFICATION.ACKNOWLEDGE': { actions: ['acknowledge', 'emitAcknowledged'] },
  },
  states: {
    prompt: {
      initial: 'idle',
      states: {
        idle: { on: { 'PROMPT.SHOW': { target: 'asking', actions: ['showPrompt', 'emitPromptShown'] } } },
        asking: {
          // Re-entering `asking` restarts the expiry timer for the next queued prompt.
          always: { guard: 'noActivePrompt', target: 'idle' },
          after: { promptExpiry: { ...nextPrompt, actions: [{ type: 'emitAnswered', params: 'timeout' }, 'showNextPrompt', 'emitPromptShown'] } },
          on: {
            'PROMPT.SHOW': { actions: 'queuePrompt' },
            'PROMPT.CONFIRM': {
              ...nextPrompt, guard: 'answersActivePrompt', actions: [{ type: 'emitAnswered', params: 'confirmed' }, 'showNextPrompt', 'emitPromptShown'],
            },
            'PROMPT.DECLINE': {
              ...nextPrompt, guard: 'answersActivePrompt', actions: [{ type: 'emitAnswered', params: 'declined' }, 'showNextPrompt', 'emitPromptShown'],
            },
            'PROMPT.WITHDRAW': [
              { ...nextPrompt, guard: 'withdrawsActivePrompt', actions: 'showNextPrompt' },
              { actions: 'unqueuePrompt' },
            ],
          },
        },
      },
    },
    pictureInPicture: {
      initial: 'hidden',
      states: {
        hidden: { on: { 'PIP.SHOW': { target: 'shown', actions: ['showPip', 'emitPipShown'] } } },
        shown: {
          on: { 'PIP.SHOW': { actions: ['showPip', 'emitPipShown'] }, 'PIP.CLOSE': { target: 'hidden', actions: ['closePip', 'emitPipClosed'] } },
        },
      },
    },
  },
});
