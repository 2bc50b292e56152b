// The one error a user meets when an endpoint is configured wrongly or cannot be reached at start: it names the
// endpoint (with any password taken out of its URL), says what went wrong and what to do. Secrets never reach a
// message: URLs go through redactUrl, and key or password values are never interpolated anywhere.

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';

  constructor(
    /** Which endpoint: `broker mqtts://alice@broker.example:8883`, `external home-cloud (http://…)`, `otlp …`. */
    readonly endpoint: string,
    /** What went wrong, in words (`connection refused`, `CA file /etc/ca.pem does not exist`). */
    readonly reason: string,
    /** What to do about it, when there is something to say. */
    readonly hint?: string,
  ) {
    super(`${endpoint}: ${reason}${hint ? `. ${hint}` : ''}`);
  }
}

/** The URL with its password removed (the user name stays: it helps, and it is not a secret). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '';
    return parsed.toString().replace(/:@/, '@');
  } catch {
    // Not a URL at all: strip anything that looks like `user:secret@` by hand.
    return url.replace(/\/\/([^/:@]*):[^@/]*@/, '//$1@');
  }
}

/** A socket or TLS error as a short phrase a user can act on. */
export function describeNetworkError(err: unknown, where: string): { reason: string; hint?: string } {
  const e = err as NodeJS.ErrnoException & { reasonCode?: number };
  const code = e?.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return { reason: `connection refused at ${where}`, hint: 'Is the server running and listening on that port?' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { reason: `host not found (${where})`, hint: 'Check the host name in the URL' };
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { reason: `${where} is unreachable (${code})`, hint: 'Check the address, the network and any firewall' };
    default:
      break;
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code === 'EPROTO' || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return { reason: `TLS handshake with ${where} failed (${code})`, hint: 'Check the CA file (caFile), the client certificate and that the URL scheme matches the port (mqtts/wss for TLS)' };
  }
  const message = e instanceof Error ? e.message : String(err);
  return { reason: `${where}: ${message}` };
}
