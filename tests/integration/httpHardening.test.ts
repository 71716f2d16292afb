import { connect, type Socket } from 'node:net';
import { generateFederationKeyPair, signFederationToken, type FederationKeyPair } from '@meridian/federation-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHeaders, startTestRegion, testProxySecret, users, type TestRegion } from '../support/regionNode.ts';

// Short timeouts so slow clients are cut off within seconds; production defaults are in README (Security).
const timeouts = { headersMs: 2_000, requestMs: 4_000, keepAliveMs: 1_000 };
const intranet = 'https://intranet.example';

let region: TestRegion;
let keys: FederationKeyPair;
beforeAll(async () => {
  keys = await generateFederationKeyPair();
  region = await startTestRegion('http-hardening', {
    timeouts,
    serveWeb: true,
    hqUrl: 'https://crm-hq.example',
    browserAccess: { intranetOrigins: [intranet], apiOrigins: ['https://crm-hq.example'] },
    security: { demoMode: false, proxySecret: testProxySecret, federationKeys: { keys: [keys.publicJwk] } },
  });
});
afterAll(() => region?.close());

interface RawConnection {
  socket: Socket;
  received: () => string;
  /** Resolves with the milliseconds from opening until the server closed the connection. */
  closed: Promise<number>;
}

function open(): Promise<RawConnection> {
  const { port } = region.node;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    const closed = new Promise<number>((done) => socket.on('close', () => done(performance.now() - started)));
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte per `intervalMs` until the socket closes (or the text runs out). */
async function trickle(socket: Socket, text: string, intervalMs: number) {
  for (const byte of text) {
    if (socket.destroyed || socket.writableEnded) return;
    socket.write(byte);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

describe('slow and idle clients', () => {
  it('cuts off a client sending its headers one byte per second (slowloris)', async () => {
    const connection = await open();
    void trickle(connection.socket, `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(60)}\r\n\r\n`, 1_000);
    const closedAfterMs = await connection.closed;
    // Not before the headers timeout (the client was sending all along), and well before its 60-odd seconds.
    expect(closedAfterMs).toBeGreaterThanOrEqual(timeouts.headersMs - 100);
    expect(closedAfterMs).toBeLessThan(timeouts.headersMs + 5_000);
    expect(connection.received()).not.toMatch(/200 OK/);
  });

  it('cuts off a connection that never sends anything', async () => {
    const connection = await open();
    expect(await connection.closed).toBeLessThan(timeouts.headersMs + 5_000);
  });

  it('cuts off a client trickling its body, with 408', async () => {
    const connection = await open();
    const body = JSON.stringify({ name: 'Slow Body Ltd' }).padEnd(200, ' ');
    connection.socket.write(
      `POST /trpc/customers.create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
        `X-Meridian-Proxy-Secret: ${testProxySecret}\r\nX-Forwarded-User: ${users.staff.login}\r\nX-Forwarded-Groups: ${users.staff.groups}\r\n\r\n`,
    );
    void trickle(connection.socket, body, 1_000);
    const closedAfterMs = await connection.closed;
    expect(closedAfterMs).toBeGreaterThanOrEqual(timeouts.requestMs - 100);
    expect(closedAfterMs).toBeLessThan(timeouts.requestMs + 5_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps a connection alive between requests, then closes it once idle', async () => {
    const connection = await open();
    const request = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';
    connection.socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, timeouts.keepAliveMs / 4));
    connection.socket.write(request); // the same socket serves a second request
    await new Promise((resolve) => setTimeout(resolve, timeouts.keepAliveMs / 4));
    expect(connection.received().match(/HTTP\/1\.1 200/g)?.length).toBe(2);
    // Well before Node's own 5 s default would have closed it.
    const closedAfterMs = await connection.closed;
    expect(closedAfterMs).toBeLessThan(timeouts.keepAliveMs + 2_500);
  });

  it('does not cut off a long-poll that outlasts every timeout', async () => {
    type Page = { result: { data: { changes: unknown[]; nextCursor: string; hasMore: boolean } } };
    const changes = async (input: Record<string, unknown>) =>
      fetch(`${region.node.url}/trpc/federation.changes?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { authorization: `Bearer ${await signFederationToken(keys.privateJwk, 'hk')}` },
      });
    // Catch up first, so the long-poll below has nothing to return and must wait.
    let page = (await (await changes({ limit: 5_000 })).json()) as Page;
    while (page.result.data.hasMore) page = (await (await changes({ since: page.result.data.nextCursor, limit: 5_000 })).json()) as Page;
    const waitMs = timeouts.requestMs + timeouts.keepAliveMs + 1_000;
    const started = performance.now();
    const response = await changes({ since: page.result.data.nextCursor, waitMs });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(waitMs - 100); // it really waited
    expect(((await response.json()) as Page).result.data.changes).toEqual([]);
  }, 30_000);
});

describe('security headers', () => {
  const expectSecured = (response: Response, path: string) => {
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).not.toContain('unsafe-eval');
    expect(csp, path).toContain(`frame-ancestors 'self' ${intranet}`);
    expect(csp, path).toContain("connect-src 'self' https://crm-hq.example");
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    // frame-ancestors names the intranet, which X-Frame-Options cannot: it is left out rather than contradict it.
    expect(response.headers.get('x-frame-options'), path).toBeNull();
  };

  it('are on every kind of response: page, asset, API answer, refusal, not found', async () => {
    const staff = identityHeaders(users.staff);
    const responses: Array<[string, Response]> = [
      ['/', await fetch(`${region.node.url}/`)],
      ['/intranet/crm/', await fetch(`${region.node.url}/intranet/crm/`)],
      ['/assets/meridian-plugin.js', await fetch(`${region.node.url}/assets/meridian-plugin.js`)],
      ['/health', await fetch(`${region.node.url}/health`)],
      ['/trpc/me', await fetch(`${region.node.url}/trpc/me`, { headers: staff })],
      ['/trpc/me unauthenticated', await fetch(`${region.node.url}/trpc/me`)],
      ['/trpc/nothing.here', await fetch(`${region.node.url}/trpc/nothing.here`, { headers: staff })],
      ['oversize batch', await fetch(`${region.node.url}/trpc/${Array(21).fill('me').join(',')}?batch=1`, { headers: staff })],
    ];
    for (const [path, response] of responses) expectSecured(response, path);
    expect(responses[0]![1].status).toBe(200);
    expect(responses[2]![1].status).toBe(200);
    // The plugin module is meant for intranet pages on other origins.
    expect(responses[2]![1].headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(responses[3]![1].headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('fall back to X-Frame-Options SAMEORIGIN where no intranet may frame the node', async () => {
    const plain = await startTestRegion('http-hardening-plain');
    try {
      const response = await fetch(`${plain.node.url}/health`);
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      // No allow-list and not in demo mode: no other origin gets CORS.
      const preflight = await fetch(`${plain.node.url}/trpc/me`, {
        method: 'OPTIONS',
        headers: { origin: intranet, 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('CORS in production', () => {
  const preflight = (origin: string) =>
    fetch(`${region.node.url}/trpc/me`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('lets an allow-listed origin call the API with credentials and read Retry-After', async () => {
    const response = await preflight(intranet);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(intranet);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    const call = await fetch(`${region.node.url}/trpc/me`, { headers: { ...identityHeaders(users.staff), origin: 'https://crm-hq.example' } });
    expect(call.headers.get('access-control-allow-origin')).toBe('https://crm-hq.example');
    expect(call.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
  });

  it('refuses an origin not on the list', async () => {
    const response = await preflight('https://elsewhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const asset = await fetch(`${region.node.url}/assets/meridian-plugin.js`, { headers: { origin: 'https://elsewhere.example' } });
    expect(asset.headers.get('access-control-allow-origin')).toBeNull();
  });
});
