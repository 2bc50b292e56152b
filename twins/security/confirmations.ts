// The occupant-confirmation records behind the doorbell policy (seed §2.2: "remote unlock only after the occupant
// confirms it is safe"). When the home asks a car to confirm (the doorbell prompt), it records what the prompt
// may authorise, for whom and until when; the car's signed unlock names the prompt, and the home checks the record
// and uses it up. A car cannot unlock on a prompt it was never shown, after it lapsed, or twice.
import type { SimTime } from '../kernel/types';

export interface ConfirmationRequest {
  /** Prompt id, e.g. `doorbell:h1:1`. */
  prompt: string;
  /** Security domain of the device the prompt may unlock (`home:h1`). */
  domain: string;
  /** Address of the party shown the prompt (`vehicle/car1`). */
  requester: string;
  /** The command it may authorise (`lock/unlock`). */
  command: string;
  issuedAt: SimTime;
  /** After this time the confirmation no longer authorises anything. */
  validUntil: SimTime;
}

export interface ConfirmationUse {
  domain: string;
  requester: string;
  command: string;
  now: SimTime;
}

export type ConfirmationCheck = { ok: true } | { ok: false; detail: string };

export class ConfirmationLog {
  private readonly requests = new Map<string, ConfirmationRequest & { used: boolean }>();

  expect(request: ConfirmationRequest): void {
    this.requests.set(request.prompt, { ...request, used: false });
  }

  /** Checks the prompt authorises this use; marks it used only when `consume` is true and it does. */
  check(prompt: string, use: ConfirmationUse, consume: boolean): ConfirmationCheck {
    const record = this.requests.get(prompt);
    if (record === undefined) return { ok: false, detail: `no confirmation prompt "${prompt}" was issued` };
    if (record.domain !== use.domain || record.command !== use.command) {
      return { ok: false, detail: `prompt "${prompt}" confirms ${record.command} in ${record.domain}, not ${use.command} in ${use.domain}` };
    }
    if (record.requester !== use.requester) return { ok: false, detail: `prompt "${prompt}" was shown to ${record.requester}, not ${use.requester}` };
    if (record.used) return { ok: false, detail: `prompt "${prompt}" has already authorised one ${record.command}` };
    if (use.now > record.validUntil) return { ok: false, detail: `prompt "${prompt}" lapsed at t=${record.validUntil} ms` };
    if (consume) record.used = true;
    return { ok: true };
  }
}
