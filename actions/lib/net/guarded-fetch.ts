import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { BlockedAddressError } from './blocked-address';
import type { AddressPolicy } from './address-policy';
import { isPublicAddress } from './address-policy';

/** Resolves a host name to every address it has; injected in tests to play DNS (including rebinding). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardedFetchOptions {
  resolve?: Resolve;
  /** Which connected-to addresses are allowed; default: public unicast only. */
  policy?: AddressPolicy;
  /** Connection timeout for the socket, ms. */
  connectTimeoutMs?: number;
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A fetch whose every TCP connection is checked against `policy` on the address it actually connects to: the
 * resolver's answer is checked inside the socket's own lookup (so a second, different DNS answer can't slip in
 * between check and connect), IP literals are checked before dialling, and the connected socket's peer address is
 * checked again. Redirects are new requests through the same agent, so every hop is checked too.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const resolve = options.resolve ?? systemResolve;
  const policy = options.policy ?? isPublicAddress;
  const lookup = (
    hostname: string,
    lookupOptions: LookupOneOptions | LookupAllOptions,
    callback: LookupCallback,
  ) => {
    resolve(hostname).then(
      (addresses) => {
        const blocked = addresses.find((entry) => !policy(entry.address));
        if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), '');
        const first = addresses[0];
        if (!first)
          return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        if ('all' in lookupOptions && lookupOptions.all) return callback(null, addresses);
        return callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
  const base = buildConnector({
    lookup,
    timeout: options.connectTimeoutMs ?? 10_000,
  });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !policy(host)) {
      callback(new BlockedAddressError(host, host), null);
      return undefined;
    }
    return base(connectOptions, (error, socket) => {
      if (error || !socket) return callback(error, null);
      const peer = socket.remoteAddress;
      if (peer !== undefined && !policy(peer)) {
        socket.destroy();
        return callback(new BlockedAddressError(host, peer), null);
      }
      return callback(null, socket);
    });
  };
  const dispatcher = new Agent({ connect });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
}

/** Like curl's --resolve: the given hosts resolve to fixed addresses (still checked), others through DNS. */
export function resolverWithOverrides(overrides: ReadonlyMap<string, string>): Resolve {
  return (hostname) => {
    const address = overrides.get(hostname.toLowerCase());
    if (address === undefined) return systemResolve(hostname);
    return Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
  };
}
