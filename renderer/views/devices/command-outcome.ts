// Where a device card's command stands, read from the message flow: on its way, done, refused (by the security
// layer or the device, with their reason) or failed on the way (lost, timed out, no route).
import type { Envelope } from '../../../protocol';

export type CommandOutcome =
  | { state: 'pending' }
  | { state: 'done' }
  | { state: 'refused'; reason: string }
  | { state: 'failed'; reason: string };

export function commandOutcome(log: { get(id: string): Envelope | undefined; trace(traceId: string): Envelope[] }, messageId: string): CommandOutcome {
  const request = log.get(messageId);
  if (request === undefined) return { state: 'pending' };
  // Refused on its way by a party's security check (at that party's hop): a refusal, not a network failure.
  if (request.status === 'failed' && request.failure === 'refused') return { state: 'refused', reason: request.error ?? 'refused' };
  if (request.status === 'failed') return { state: 'failed', reason: request.error ?? request.failure ?? 'the command failed on its way' };
  const response = log.trace(request.traceId).find((m) => m.kind === 'response' && m.correlationId === messageId && m.status === 'delivered');
  if (response === undefined) return { state: 'pending' };
  const p = response.payload as { success?: unknown; error?: unknown; result?: unknown; reason?: unknown } | null;
  const refused = p !== null && typeof p === 'object' && (p.success === false || p.result === 'error');
  if (!refused) return { state: 'done' };
  const reason = typeof p.error === 'string' ? p.error : typeof p.reason === 'string' ? p.reason : 'refused';
  return { state: 'refused', reason };
}
