// The occupant-confirmation records behind the doorbell policy (seed §2.2: "remote unlock only after the occupant
// confirms it is safe"). The home's authoriser (its automation host) keeps them: it records a prompt as the prompt
// message leaves it or passes it on the way to the car — what it may authorise, for whom and until when. The car's
// signed unlock names the prompt; the authoriser checks the record and binds it to that command's nonce. A car
// cannot unlock on a prompt it was never shown, after it lapsed, or for a second command; the same command seen
// again (a replay) is the gateway's to refuse, as replayed.
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
  /** Nonce of the command that uses the confirmation: it binds the record to that one command. */
  nonce?: string;
}

export type ConfirmationCheck = { ok: true } | { ok: false; detail: string };

export class ConfirmationLog {
  private readonly requests = new Map<string, ConfirmationRequest & { used: boolean; usedBy: string | undefined }>();

  expect(request: ConfirmationRequest): void {
    this.requests.set(request.prompt, { ...request, used: false, usedBy: undefined });
  }

  /** Checks the prompt authorises this use; marks it used only when `consume` is true and it does. */
  check(prompt: string, use: ConfirmationUse, consume: boolean): ConfirmationCheck {
    const record = this.requests.get(prompt);
    if (record === undefined) return { ok: false, detail: `no confirmation prompt "${prompt}" was issued` };
    if (record.domain !== use.domain || record.command !== use.command) {
      return { ok: false, detail: `prompt "${prompt}" confirms ${record.command} in ${record.domain}, not ${use.command} in ${use.domain}` };
    }
    if (record.requester !== use.requester) return { ok: false, detail: `prompt "${prompt}" was shown to ${record.requester}, not ${use.requester}` };
    // The command it was bound to, seen again: the authoriser has no replay memory; the gateway refuses it as replayed.
    if (record.used && (use.nonce === undefined || record.usedBy !== use.nonce)) return { ok: false, detail: `prompt "${prompt}" has already authorised one ${record.command}` };
    if (use.now > record.validUntil) return { ok: false, detail: `prompt "${prompt}" lapsed at t=${record.validUntil} ms` };
    if (consume) {
      record.used = true;
      record.usedBy = use.nonce;
    }
    return { ok: true };
  }
}
