// Who may push into a run through an external party's webhook. The webhook is a door into the simulated home: a
// pushed command is posted as that party. So the server takes a request only when it
//   - is a POST to the one fixed path (`/webhook`);
//   - does not come from a browser page on another site: an `Origin` header outside the allow-list, or
//     `Sec-Fetch-Site: cross-site` / `same-site`, is refused (a page can POST anywhere with `mode: 'no-cors'`);
//   - says `Content-Type: application/json` (the only content types a page may send without a CORS preflight are
//     text/plain, form-urlencoded and multipart, so requiring JSON also closes the preflight-free route);
//   - proves it knows the run's secret: `Authorization: Bearer <secret>`, or `X-Twinbench-Signature:
//     sha256=<hex HMAC-SHA256 of the raw body under the secret>` (the webhook-signature style of GitHub or Stripe).
// The secret is made per run and told to the party when the run links to it (the codec's hello) or printed for
// the user. Comparisons are constant-time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const WEBHOOK_PATH = '/webhook';
export const SIGNATURE_HEADER = 'x-twinbench-signature';

/** 32 random bytes, URL-safe: a run's webhook secret. */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64url');

/** `sha256=<hex>`: what a party puts in X-Twinbench-Signature for `body`. */
export function signWebhookBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type WebhookRefusalReason = 'cross-origin' | 'unsigned' | 'forged';

export interface WebhookRefusal {
  status: number;
  /** `cross-origin` (a browser page on another site, or not JSON), `unsigned` (no secret), `forged` (a wrong one). */
  reason: WebhookRefusalReason;
  detail: string;
}

export interface WebhookPolicy {
  secret: string;
  /** Origins (`https://ha.example:8123`) whose pages may POST; none by default. */
  allowedOrigins?: readonly string[];
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The browser checks, made before the body is read: undefined when the request may go on. */
export function checkWebhookOrigin(headers: IncomingHttpHeaders, policy: WebhookPolicy): WebhookRefusal | undefined {
  const origin = header(headers, 'origin');
  if (origin !== undefined && !(policy.allowedOrigins ?? []).includes(origin)) {
    return { status: 403, reason: 'cross-origin', detail: `a page from ${origin} may not post to this webhook (allowed origins: ${(policy.allowedOrigins ?? []).join(', ') || 'none'})` };
  }
  const site = header(headers, 'sec-fetch-site');
  if (origin === undefined && (site === 'cross-site' || site === 'same-site')) {
    return { status: 403, reason: 'cross-origin', detail: `a browser request from another site (Sec-Fetch-Site: ${site}) may not post to this webhook` };
  }
  const type = header(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { status: 415, reason: 'cross-origin', detail: `Content-Type ${type ?? '(none)'}: only application/json is taken (a page on another site can send text/plain without asking)` };
  }
  return undefined;
}

/** The secret check, over the raw body: undefined when the sender knows the run's secret. */
export function checkWebhookSecret(headers: IncomingHttpHeaders, body: Buffer, policy: WebhookPolicy): WebhookRefusal | undefined {
  const authorization = header(headers, 'authorization');
  const signature = header(headers, SIGNATURE_HEADER);
  if (authorization === undefined && signature === undefined) {
    return { status: 401, reason: 'unsigned', detail: `no Authorization: Bearer <secret> and no ${SIGNATURE_HEADER} header` };
  }
  if (signature !== undefined) {
    if (sameText(signature, signWebhookBody(policy.secret, body))) return undefined;
    return { status: 401, reason: 'forged', detail: `${SIGNATURE_HEADER} is not the HMAC-SHA256 of this body under the run's secret` };
  }
  const bearer = /^Bearer (.+)$/i.exec(authorization!)?.[1];
  if (bearer !== undefined && sameText(bearer, policy.secret)) return undefined;
  return { status: 401, reason: 'forged', detail: bearer === undefined ? 'Authorization is not a Bearer token' : "the bearer token is not the run's webhook secret" };
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
