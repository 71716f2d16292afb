/**
 * How HQ's pull loop treats a region that answers but not with changes: 429 with Retry-After, a refusal
 * (401/403) that needs an admin, and a disabled region's idle loop. The regions here are stand-ins on
 * loopback that answer `federation.changes` exactly as told, so each answer is certain.
 */
import { getEventListeners } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRegionSync } from '@meridian/federation';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';

type Answer = 'caughtUp' | 'limited' | 'unauthorized' | 'forbidden';
interface StandIn {
  url: string;
  answer: Answer;
  calls: Array<{ at: number; answer: Answer; authorization: string }>;
  close(): Promise<void>;
}

const trpcError = (httpStatus: number, code: string, messageKey: string, message: string) =>
  JSON.stringify({ error: { code: -32001, message, data: { code, httpStatus, messageKey } } });

function reply(response: ServerResponse, answer: Answer) {
  const json = { 'content-type': 'application/json' };
  if (answer === 'limited') {
    response.writeHead(429, { ...json, 'retry-after': '2' }).end(trpcError(429, 'TOO_MANY_REQUESTS', 'errors.rate_limited', 'Too many requests'));
  } else if (answer === 'unauthorized') {
    response.writeHead(401, json).end(trpcError(401, 'UNAUTHORIZED', 'errors.federation_token_invalid', 'Federation token refused'));
  } else if (answer === 'forbidden') {
    response.writeHead(403, json).end(trpcError(403, 'FORBIDDEN', 'errors.forbidden', 'Forbidden'));
  } else {
    // Nothing new: a long-poll that ended empty (shortened, so the loop idles instead of spinning).
    setTimeout(() => response.writeHead(200, json).end(JSON.stringify({ result: { data: { changes: [], nextCursor: '0:0', hasMore: false } } })), 300);
  }
}

async function startStandIn(answer: Answer): Promise<StandIn> {
  const standIn: StandIn = { url: '', answer, calls: [], close: async () => undefined };
  const server: Server = createServer((request, response) => {
    if (!request.url?.startsWith('/trpc/federation.changes')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    standIn.calls.push({ at: Date.now(), answer: standIn.answer, authorization: request.headers.authorization ?? '' });
    reply(response, standIn.answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return standIn;
}

let federation: TestFederation;
const standIns: StandIn[] = [];
beforeAll(async () => {
  federation = await startTestFederation('sync-failures', []);
});
afterAll(async () => {
  await federation?.close();
  await Promise.all(standIns.map((standIn) => standIn.close()));
});

async function registerStandIn(code: string, answer: Answer): Promise<StandIn> {
  const standIn = await startStandIn(answer);
  standIns.push(standIn);
  await federation.hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig('gb')), code, name: `Stand-in ${code}`, baseUrl: standIn.url }, 'test');
  return standIn;
}

const statusOf = async (code: string) => (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === code)!;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a region answering 429 with Retry-After: 2', () => {
  it('is asked again once, after the two seconds it asked for, and then caught up', { timeout: 60_000 }, async () => {
    const standIn = await registerStandIn('ra', 'limited');
    await eventually(async () => {
      expect(standIn.calls.length).toBeGreaterThanOrEqual(1);
      // While HQ waits, the status says why and for how long.
      expect((await statusOf('ra')).lastError).toBe('HTTP 429 (errors.rate_limited): Too many requests (retrying in 2 s, as the region asked)');
    });
    standIn.answer = 'caughtUp';
    await eventually(async () => {
      expect((await statusOf('ra')).caughtUp).toBe(true);
    });
    const [limited, next] = standIn.calls;
    expect(limited!.answer).toBe('limited');
    expect(next!.answer).toBe('caughtUp');
    // Not before the region said: a lower bound only, which a loaded machine cannot break.
    expect(next!.at - limited!.at).toBeGreaterThanOrEqual(1_900);
    const recovered = await statusOf('ra');
    expect(recovered.lastError).toBeNull();
    expect(recovered.consecutiveFailures).toBe(0);
  });
});

describe('a region refusing HQ (401, 403)', () => {
  it('is not retried in a loop, shows it needs an admin with the cause, and is retried when an admin acts', { timeout: 60_000 }, async () => {
    const standIn = await registerStandIn('rb', 'unauthorized');
    await eventually(async () => {
      expect((await statusOf('rb')).lastError).toMatch(/^needs attention: HTTP 401 \(errors\.federation_token_invalid\): Federation token refused/);
    });
    // Four seconds is several backoff rounds for a failing region (0.5–1 s, then 1–2 s, …); a refusal waits
    // 5 minutes. So one call, not four.
    await settle(4_000);
    expect(standIn.calls).toHaveLength(1);
    const status = await statusOf('rb');
    expect(status.lastError).toContain('HQ tries again every 300 s, or at once on sync.run or when the region is enabled');
    expect(status.consecutiveFailures).toBe(1);

    // An admin runs sync: HQ tries at once, reports the refusal to the admin, and goes back to waiting.
    standIn.answer = 'forbidden';
    const [outcome] = await federation.hqAs(hqUsers.admin).sync.run.mutate({ region: 'rb' });
    expect(outcome).toMatchObject({ region: 'rb', applied: 0, error: expect.stringContaining('Forbidden') });
    expect(standIn.calls.map((call) => call.answer)).toEqual(['unauthorized', 'forbidden']);
    expect((await statusOf('rb')).lastError).toMatch(/^needs attention: HTTP 403 \(errors\.forbidden\)/);
    await settle(2_000);
    expect(standIn.calls).toHaveLength(2);

    // The admin fixes the region's side and enables it (it was never disabled): HQ tries now and recovers.
    standIn.answer = 'caughtUp';
    await federation.hqAs(hqUsers.admin).regions.setEnabled.mutate({ code: 'rb', enabled: true });
    await eventually(async () => {
      const recovered = await statusOf('rb');
      expect(recovered.lastError).toBeNull();
      expect(recovered.caughtUp).toBe(true);
    }, 10_000);
    expect(standIn.calls[2]!.answer).toBe('caughtUp');
    // Every attempt carried its own token: tokens are single-use.
    expect(new Set(standIn.calls.map((call) => call.authorization)).size).toBe(standIn.calls.length);
  });

  it('is retried at once when an admin disables and re-enables it', { timeout: 30_000 }, async () => {
    const standIn = await registerStandIn('rc', 'forbidden');
    await eventually(async () => expect((await statusOf('rc')).lastError).toMatch(/^needs attention: HTTP 403/));
    await federation.hqAs(hqUsers.admin).regions.setEnabled.mutate({ code: 'rc', enabled: false });
    standIn.answer = 'caughtUp';
    await federation.hqAs(hqUsers.admin).regions.setEnabled.mutate({ code: 'rc', enabled: true });
    await eventually(async () => expect((await statusOf('rc')).lastError).toBeNull(), 10_000);
    expect(standIn.calls.map((call) => call.answer).slice(0, 2)).toEqual(['forbidden', 'caughtUp']);
  });
});

/** Counts the listeners a loop attaches to its shutdown signal, so "none left" cannot pass by the loop not looking. */
function countedShutdown() {
  const shutdown = new AbortController();
  const counter = { attached: 0 };
  const attach = shutdown.signal.addEventListener.bind(shutdown.signal);
  shutdown.signal.addEventListener = ((...args: Parameters<typeof attach>) => {
    counter.attached += 1;
    attach(...args);
  }) as typeof shutdown.signal.addEventListener;
  return { shutdown, counter };
}

describe('a caught-up region, long-polled over and over', () => {
  it('leaves no listener behind per request', { timeout: 30_000 }, async () => {
    const standIn = await registerStandIn('re', 'caughtUp');
    const { shutdown, counter } = countedShutdown();
    const sync = startRegionSync({ db: federation.hqDatabase.db, code: 're', baseUrl: standIn.url, token: federation.keyStore.signerFor('re'), waitMs: 1_000, signal: shutdown.signal });
    const callsBefore = standIn.calls.length;
    await settle(3_000);
    // Each long-poll answers after 0.3 s: several requests, each with its own deadline on the signal.
    expect(standIn.calls.length - callsBefore).toBeGreaterThan(4);
    expect(counter.attached).toBeGreaterThan(4);
    expect(getEventListeners(shutdown.signal, 'abort').length).toBeLessThanOrEqual(1);
    shutdown.abort();
    await sync.stop();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});

describe('a disabled region', () => {
  it('keeps its loop idle without adding listeners or timers as it checks', { timeout: 30_000 }, async () => {
    await registerStandIn('rd', 'caughtUp');
    await federation.hq.runtime.setRegionEnabled('rd', false, 'test');
    const { shutdown, counter } = countedShutdown();
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    // HQ's own loop for rd is stopped; this one checks every 5 ms (a second in production), so 2 s ≈ a week's worth of minutes.
    const sync = startRegionSync({ db: federation.hqDatabase.db, code: 'rd', baseUrl: 'http://127.0.0.1:9', token: async () => 'unused', disabledCheckMs: 5, signal: shutdown.signal });
    await settle(2_000);
    expect(counter.attached).toBeGreaterThan(50);
    expect(getEventListeners(shutdown.signal, 'abort').length).toBeLessThanOrEqual(1);
    // HQ's other loops in this process start and clear timers meanwhile; one left per check would be hundreds.
    const timersNow = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    expect(timersNow - timersBefore).toBeLessThanOrEqual(10);
    shutdown.abort();
    await sync.stop();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
