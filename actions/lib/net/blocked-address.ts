import { SumopsError } from '#lib/errors';

/** A connection was refused before it was made: the host is, or resolves to, a non-public address. */
export class BlockedAddressError extends SumopsError {
  readonly code = 'SUMOPS_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      host === address
        ? `${address} is a private, loopback, link-local or metadata address`
        : `${host} resolves to ${address}, a private, loopback, link-local or metadata address`,
    );
  }
}

/** The BlockedAddressError inside a fetch failure's cause chain, if that is why it failed. */
export function blockedAddressIn(error: unknown): BlockedAddressError | undefined {
  let cause = error;
  for (let depth = 0; depth < 10 && cause instanceof Error; depth++) {
    if (cause instanceof BlockedAddressError) return cause;
    cause = cause.cause;
  }
  return undefined;
}
