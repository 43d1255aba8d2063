/** What socket-level error codes mean to someone who has to fix their URL, proxy or connection. */
const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the server closed the connection',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
};

export interface NetworkFailure {
  /** The innermost error code (ECONNREFUSED…), or FETCH_FAILED when there is none. */
  code: string;
  reason: string;
}

/**
 * fetch() rejects with a generic "fetch failed" whose `cause` chain holds the real reason (a socket error code, or
 * undici's own message such as "bad port"); this digs it out.
 */
export function describeNetworkError(error: unknown): NetworkFailure {
  let reason = error instanceof Error ? error.message : String(error);
  let cause: unknown = error;
  while (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string') return { code, reason: NETWORK_CAUSES[code] ?? cause.message };
    reason = cause.message || reason;
    cause = cause.cause;
  }
  return { code: 'FETCH_FAILED', reason };
}
