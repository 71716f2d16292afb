import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestDeadline } from '../src/sync/abortableSleep.ts';
import { classifyRegionFailure, createRegionClient, parseRetryAfter, type RegionFailure } from '../src/sync/regionClient.ts';

// A stand-in region on loopback: each path segment after /trpc/ names the answer it gives.
type Answer = (response: ServerResponse) => void;
const trpcError = (status: number, code: string, messageKey: string, message: string) =>
  JSON.stringify({ error: { code: -32001, message, data: { code, httpStatus: status, messageKey } } });
const answers: Record<string, Answer> = {
  unauthorized: (response) =>
    response.writeHead(401, { 'content-type': 'application/json' }).end(trpcError(401, 'UNAUTHORIZED', 'errors.federation_token_invalid', 'Federation token refused')),
  forbidden: (response) => response.writeHead(403, { 'content-type': 'application/json' }).end(trpcError(403, 'FORBIDDEN', 'errors.forbidden', 'Forbidden')),
  notFound: (response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'),
  limitedJson: (response) =>
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' }).end(trpcError(429, 'TOO_MANY_REQUESTS', 'errors.rate_limited', 'Too many requests')),
  limitedText: (response) => response.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '7' }).end('Too Many Requests'),
  limitedNoHint: (response) => response.writeHead(429, { 'content-type': 'text/plain' }).end('slow down'),
  unavailableUntil: (response) =>
    response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': new Date(Date.now() + 30_000).toUTCString() }).end('maintenance'),
  broken: (response) => response.writeHead(500, { 'content-type': 'application/json' }).end(trpcError(500, 'INTERNAL_SERVER_ERROR', 'errors.internal', 'Internal error')),
  gateway: (response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'),
  hang: () => undefined, // accepts and never answers, like a SIGSTOP'd process
};

let server: Server;
let baseUrl: string;
const tokensSeen: string[] = [];
beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    tokensSeen.push(request.headers.authorization ?? '');
    const name = request.url?.match(/^\/trpc\/([^?]+)/)?.[1] ?? '';
    (answers[name] ?? answers.notFound!)(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let minted = 0;
const client = () => createRegionClient(baseUrl, async () => `token-${++minted}`);

async function failureOf(answer: string, timeoutMs = 10_000): Promise<RegionFailure> {
  const deadline = requestDeadline([], timeoutMs);
  try {
    // Any procedure path reaches the stand-in; the answer it gives is what is under test.
    const proxy = client() as unknown as Record<string, { query(input: unknown, options: { signal: AbortSignal }): Promise<unknown> }>;
    await proxy[answer]!.query({}, { signal: deadline.signal });
  } catch (error) {
    return classifyRegionFailure(deadline.timedOut() ?? error);
  } finally {
    deadline.release();
  }
  throw new Error('the call succeeded');
}

describe('reading a region’s failure', () => {
  it('takes a refusal (401, 403, 404) as needing someone to act, with the status and message key', async () => {
    expect(await failureOf('unauthorized')).toEqual({
      kind: 'refused',
      status: 401,
      message: 'HTTP 401 (errors.federation_token_invalid): Federation token refused',
    });
    expect(await failureOf('forbidden')).toMatchObject({ kind: 'refused', status: 403, message: expect.stringContaining('errors.forbidden') });
    expect(await failureOf('notFound')).toMatchObject({ kind: 'refused', status: 404, message: expect.stringContaining('HTTP 404') });
  });

  it('takes 429 with Retry-After as “later”, whether the body is tRPC JSON or a plain page', async () => {
    expect(await failureOf('limitedJson')).toMatchObject({ kind: 'later', retryAfterMs: 2_000, message: expect.stringContaining('HTTP 429') });
    expect(await failureOf('limitedText')).toMatchObject({ kind: 'later', retryAfterMs: 7_000, message: 'HTTP 429: Too Many Requests' });
    expect(await failureOf('limitedNoHint')).toMatchObject({ kind: 'transient', message: 'HTTP 429: slow down' });
  });

  it('takes 503 with an HTTP-date Retry-After as “later” until that date', async () => {
    const failure = await failureOf('unavailableUntil');
    expect(failure.kind).toBe('later');
    expect(failure.kind === 'later' && failure.retryAfterMs).toBeGreaterThan(25_000);
    expect(failure.kind === 'later' && failure.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('takes 5xx, a refused connection and a hung region as transient', async () => {
    expect(await failureOf('broken')).toMatchObject({ kind: 'transient', message: expect.stringContaining('HTTP 500') });
    expect(await failureOf('gateway')).toMatchObject({ kind: 'transient', message: expect.stringContaining('HTTP 502') });
    expect(await failureOf('hang', 200)).toEqual({ kind: 'transient', message: 'region did not answer within 200 ms' });
    const closed = createRegionClient('http://127.0.0.1:9', async () => 'token');
    const refused = await closed.federation.changes.query({ limit: 1 }).catch((error: unknown) => classifyRegionFailure(error));
    expect(refused).toMatchObject({ kind: 'transient' });
  });

  it('takes HQ having no key for the region as needing an admin, without calling the region', async () => {
    const before = tokensSeen.length;
    const keyless = createRegionClient(baseUrl, async () => {
      throw new Error('HQ holds no federation key for region zz');
    });
    const failure = await keyless.federation.changes.query({ limit: 1 }).catch((error: unknown) => classifyRegionFailure(error));
    expect(failure).toMatchObject({ kind: 'refused', message: expect.stringContaining('no federation key for region zz') });
    expect(tokensSeen.length).toBe(before);
  });

  it('asks for a new token for every request', async () => {
    const before = tokensSeen.length;
    await Promise.all([failureOf('broken'), failureOf('broken'), failureOf('broken')]);
    const sent = tokensSeen.slice(before);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(3);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => parseRetryAfter(String(seconds)) === seconds * 1000));
  });

  it('reads an HTTP date as the time left until it (never negative)', () => {
    const now = Date.parse('2026-12-01T21:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: -3_600, max: 86_400 }), (offsetSeconds) => {
        const date = new Date(now + offsetSeconds * 1000).toUTCString();
        return parseRetryAfter(date, now) === Math.max(0, offsetSeconds * 1000);
      }),
    );
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', '  ', 'soon', '-5', '1.5']) expect(parseRetryAfter(value)).toBeNull();
  });
});
