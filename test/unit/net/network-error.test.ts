import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '#lib/net/network-error';

describe('describeNetworkError', () => {
  it('explains a refused connection from the code deep in fetch()’s cause chain', async () => {
    // A port that was just free: bind, read it, close, then connect to it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(describeNetworkError(error)).toEqual({ code: 'ECONNREFUSED', reason: 'connection refused' });
  });

  it('falls back to the innermost message when no error in the chain has a code', () => {
    const error = new TypeError('fetch failed', { cause: new Error('bad port') });
    expect(describeNetworkError(error)).toEqual({ code: 'FETCH_FAILED', reason: 'bad port' });
  });

  it('passes an unknown code through with its own message', () => {
    const inner = Object.assign(new Error('weird socket state'), { code: 'EWEIRD' });
    expect(describeNetworkError(new Error('outer', { cause: inner }))).toEqual({
      code: 'EWEIRD',
      reason: 'weird socket state',
    });
  });
});
