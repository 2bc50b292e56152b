// The occupant's consent for a party that cannot be shown a prompt itself (an AI agent, Home Assistant): asked on
// its behalf, the home's automation host puts the question on the home's screens; a confirmation on one of them is
// a message from that screen back to the automation host, which — as the home's authoriser — records it for that
// party, once, for a limited time (seed §2.2: unlock only after the occupant confirms). The party then names the
// prompt in its signed unlock, exactly as a car names the doorbell's prompt; nobody else can use it.
import type { Envelope } from '../../bus/envelope';
import type { Intent } from '../ecosystem-codec';
import type { SimApp, Simulation } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';

/** How long the question stays on the screens. */
export const CONSENT_PROMPT_MS = 60_000;
const PROMPT_PREFIX = 'consent:';

export interface ConsentRequest {
  prompt: string;
  home: string;
  /** The screens the question went to. */
  screens: string[];
  /** Until when the occupant may answer, virtual ms. */
  expiresAt: number;
}

interface Pending {
  homeId: string;
  requester: string;
  host: string;
}

export class OccupantConsent implements SimApp {
  private seq = 0;
  /** The automation host's open questions, by prompt id. */
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly sim: Simulation) {}

  /** Asks home `homeId`'s occupant, on every home screen, whether `requester` may unlock the door. */
  askToUnlock(homeId: string, requester: string): ConsentRequest {
    const home = this.sim.home(homeId);
    const screens = home.devicesOfType('screen').map((s) => s.id);
    if (screens.length === 0) throw new Error(`home ${homeId} has no screen to ask its occupant on`);
    const host = this.sim.automationHost(homeId);
    const prompt = `${PROMPT_PREFIX}${homeId}:${++this.seq}`;
    this.pending.set(prompt, { homeId, requester, host });
    for (const screen of screens) {
      this.sim.sendFromHome(host, screen, {
        capability: 'screen', name: 'prompt', deviceId: screen.split('/').pop()!,
        attributes: { prompt_id: prompt, title: `${requester} asks to unlock the front door. Allow it?`, expires_after_ms: CONSENT_PROMPT_MS },
      }, 'command');
    }
    this.sim.kernel.events.emit('consent.requested', host, { prompt, home: homeId, requester, command: 'lock/unlock', screens });
    return { prompt, home: homeId, screens, expiresAt: this.sim.now + CONSENT_PROMPT_MS };
  }

  /** A home screen answered one of the questions: it tells the automation host, and the other screens drop it. */
  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    if (event.type !== 'prompt.answered' || !twin.id.startsWith('home/')) return;
    const prompt = String(event.promptId);
    const pending = this.pending.get(prompt);
    if (pending === undefined || twin.id.split('/')[1] !== pending.homeId) return;
    for (const screen of this.sim.home(pending.homeId).devicesOfType('screen')) if (screen !== twin) screen.send({ type: 'PROMPT.WITHDRAW', promptId: prompt });
    this.sim.sendFromHome(twin.id, pending.host, {
      capability: 'screen', name: 'prompt_answered', deviceId: twin.id.split('/').pop()!, attributes: { prompt_id: prompt, answer: String(event.answer) },
    }, 'event');
  }

  /** At the automation host: the occupant's answer arrived; a confirmation becomes the host's own record. */
  onMessage(address: string, env: Envelope, intent: Intent | undefined): boolean {
    if (intent?.capability !== 'screen' || intent.name !== 'prompt_answered' || env.kind !== 'event') return false;
    const prompt = String(intent.attributes.prompt_id);
    const pending = this.pending.get(prompt);
    // Only from a screen of the home asked, at the host that asked: a forged answer from elsewhere records nothing.
    if (pending === undefined || address !== pending.host || env.source.split('/')[1] !== pending.homeId || !env.source.startsWith('home/')) return false;
    this.pending.delete(prompt);
    const confirmed = intent.attributes.answer === 'confirmed';
    if (confirmed) {
      const now = this.sim.now;
      this.sim.security.agent(address).confirmations.expect({
        prompt, domain: `home:${pending.homeId}`, requester: pending.requester, command: 'lock/unlock', issuedAt: now, validUntil: now + CONSENT_PROMPT_MS,
      });
    }
    this.sim.kernel.events.emit('consent.answered', address, { prompt, home: pending.homeId, requester: pending.requester, answer: String(intent.attributes.answer), by: env.source });
    return true;
  }
}
