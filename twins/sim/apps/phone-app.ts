// The user's phone: push notifications from the home cloud land on its screen twin (and are acknowledged there).
import type { Envelope } from '../../bus/envelope';
import type { Json } from '../../kernel/types';
import type { Intent } from '../ecosystem-codec';
import type { SimApp, Simulation } from '../simulation';

export class PhoneApp implements SimApp {
  constructor(private readonly sim: Simulation) {}

  onMessage(address: string, env: Envelope, intent: Intent | undefined): boolean {
    if (!address.startsWith('phone/') || intent?.name !== 'notify') return false;
    const phone = this.sim.phones.get(address.slice('phone/'.length));
    if (phone === undefined) return false;
    const a = intent.attributes;
    const s = (v: Json | undefined, d = ''): string => (typeof v === 'string' ? v : d);
    phone.send({ type: 'NOTIFICATION.POST', notification: { id: s(a.notification_id, env.id), title: s(a.title), body: s(a.message), severity: s(a.severity, 'info'), at: this.sim.now } });
    this.sim.respond(env, { ...intent, attributes: {}, success: true });
    return true;
  }
}
