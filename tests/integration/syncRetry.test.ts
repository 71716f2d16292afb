import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';

let federation: TestFederation;
let flakyProxy: Server;
const refusals: number[] = [];


beforeAll(async () => {
    federation = await startTestFederation('sync-retry', ['hk']);
    const target = new URL(federation.regions.get('hk')!.node.url);
    let calls = 0;
    // A region behind an overloaded gateway: the first feed calls get 429 and 503, then it recovers.
    flakyProxy = createServer(async (request, response) => {
      const isFeedCall = request.url?.includes('federation.changes') ?? false;
      if (isFeedCall) calls += 1;
      if (isFeedCall && calls <= 3) {
        const status = calls === 1 ? 429 : 503;
        refusals.push(status);
        response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: 'busy' }));
        return;
      }
      const body = await new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks)));
      });
      try {
        const upstream = await fetch(new URL(request.url!, target), {
          method: request.method,
          headers: Object.fromEntries(Object.entries(request.headers).filter(([, value]) => typeof value === 'string')) as Record<string, string>,
          body: request.method === 'GET' ? undefined : new Uint8Array(body),
        });
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        // The region went away while the proxy was forwarding (teardown): a gateway error, as a real one would say.
        if (!response.headersSent) response.writeHead(502).end();
      }
    });
    await new Promise<void>((resolve) => flakyProxy.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await federation?.close();
  flakyProxy?.closeAllConnections();
  await new Promise((resolve) => flakyProxy?.close(resolve));
});

describe('a region answering 429 and 503', () => {
  it('is retried with backoff until it answers, with the error visible meanwhile', async () => {
    const proxyUrl = `http://127.0.0.1:${(flakyProxy.address() as AddressInfo).port}`;
    await federation.hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig('hk')), baseUrl: proxyUrl }, 'test');

    await eventually(async () => {
      const status = (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === 'hk')!;
      expect(status.lastError).toMatch(/429|503/);
    });
    const { customer } = await federation.regions.get('hk')!.as({ login: 'hk.staff', groups: 'crm-staff,crm-region-hk' }).customers.create.mutate(customerInput({ name: '九龍倉集團有限公司' }));
    await eventually(async () => {
      const held = await federation.hqDatabase.db.query.regionCustomers.findFirst({ where: (row, { eq }) => eq(row.id, customer.id) });
      expect(held?.name).toBe('九龍倉集團有限公司');
    }, 20_000);
    expect(refusals).toEqual([429, 503, 503]);
    const recovered = (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === 'hk')!;
    expect(recovered.consecutiveFailures).toBe(0);
  });
});
