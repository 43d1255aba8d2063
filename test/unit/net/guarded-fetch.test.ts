import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockedAddressSourceError, load } from '#lib/ingest/index';
import { silentLogger, systemClock } from '#lib/log';
import { isPublicAddress } from '#lib/net/address-policy';
import { createGuardedFetch } from '#lib/net/guarded-fetch';
import type { Resolve } from '#lib/net/guarded-fetch';
import { closeServer } from '../../emulators/http';

// 127.0.0.2 stands in for a public web server (the machine has no public address to listen on); everything
// else is judged by the production policy.
const policy = (address: string): boolean => address === '127.0.0.2' || isPublicAddress(address);

const page =
  '<html><body><article><p>A public page with enough words to count as an article for the extractor to keep it around.</p></article></body></html>';

async function listen(
  host: string,
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

let publicSite: { server: Server; port: number };
let privateSite: { server: Server; port: number };
let privateHits = 0;

beforeAll(async () => {
  privateSite = await listen('127.0.0.1', (_req, res) => {
    privateHits++;
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  publicSite = await listen('127.0.0.2', (req, res) => {
    if (req.url === '/to-loopback')
      res.writeHead(302, { location: `http://127.0.0.1:${privateSite.port}/secret` }).end();
    else if (req.url === '/to-metadata-host')
      res.writeHead(302, { location: `http://metadata.test:${publicSite.port}/latest` }).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
});
afterAll(async () => {
  await closeServer(publicSite.server);
  await closeServer(privateSite.server);
});

const resolver =
  (table: Record<string, string[]>): Resolve =>
  (hostname) => {
    const next = table[hostname]?.shift();
    return next
      ? Promise.resolve([{ address: next, family: next.includes(':') ? 6 : 4 }])
      : Promise.reject(Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' }));
  };

const loadWith = (source: string, resolve: Resolve) =>
  load(source, {
    logger: silentLogger,
    clock: systemClock,
    fetch: createGuardedFetch({ resolve, policy }),
    retries: 0,
  });

describe('isPublicAddress', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['192.168.0.1', false],
    ['169.254.169.254', false],
    ['100.100.100.200', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00:ec2::254', false],
    ['fe80::1%eth0', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:93.184.216.34', true],
    ['64:ff9b::7f00:1', false],
    // IPv4-compatible (::/96): loopback, the metadata address, and even a public IPv4 in that deprecated form.
    ['::7f00:1', false],
    ['::a9fe:a9fe', false],
    ['[::127.0.0.1]', false],
    ['::5db8:d822', false],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('createGuardedFetch through load()', () => {
  it('fetches a page on an allowed address', async () => {
    const document = await loadWith(
      `http://site.test:${publicSite.port}/`,
      resolver({ 'site.test': ['127.0.0.2'] }),
    );
    expect(document.text).toContain('A public page');
  });

  it('refuses a redirect to 127.0.0.1 without connecting to it', async () => {
    const before = privateHits;
    await expect(
      loadWith(`http://site.test:${publicSite.port}/to-loopback`, resolver({ 'site.test': ['127.0.0.2'] })),
    ).rejects.toThrow(BlockedAddressSourceError);
    expect(privateHits).toBe(before);
  });

  it('refuses a host that resolves to the metadata address, also when reached by redirect', async () => {
    const error = await loadWith(
      `http://site.test:${publicSite.port}/to-metadata-host`,
      resolver({ 'site.test': ['127.0.0.2'], 'metadata.test': ['169.254.169.254'] }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedAddressSourceError);
    expect((error as BlockedAddressSourceError).address).toBe('169.254.169.254');
    expect((error as Error).message).toMatch(/metadata\.test resolves to 169\.254\.169\.254/);
  });

  it('checks the address of each connection, so a rebinding DNS answer is caught', async () => {
    const resolve = resolver({ 'rebind.test': ['127.0.0.2', '127.0.0.1'] });
    const guarded = createGuardedFetch({ resolve, policy });
    const first = await guarded(`http://rebind.test:${publicSite.port}/`, {
      headers: { connection: 'close' },
    });
    expect(first.status).toBe(200);
    await first.text();
    const before = privateHits;
    await expect(
      load(`http://rebind.test:${privateSite.port}/`, {
        logger: silentLogger,
        clock: systemClock,
        fetch: guarded,
        retries: 0,
      }),
    ).rejects.toThrow(/rebind\.test resolves to 127\.0\.0\.1/);
    expect(privateHits).toBe(before);
  });

  it('refuses IP literals outside the policy', async () => {
    await expect(loadWith(`http://127.0.0.1:${privateSite.port}/`, resolver({}))).rejects.toThrow(
      /refused to fetch http:\/\/127\.0\.0\.1:\d+\/: 127\.0\.0\.1 is a private/,
    );
    await expect(loadWith(`http://[::1]:${privateSite.port}/`, resolver({}))).rejects.toThrow(
      BlockedAddressSourceError,
    );
  });
});
