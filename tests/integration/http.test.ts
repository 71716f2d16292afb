import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { identityHeaders, startTestRegion, users, type TestRegion } from '../support/regionNode.ts';

let region: TestRegion;
beforeAll(async () => {
  region = await startTestRegion('http');
});
afterAll(() => region?.close());

const jsonHeaders = () => ({ ...identityHeaders(users.staff), 'content-type': 'application/json' });

describe('the wire contract', () => {
  it('answers /health without identity', async () => {
    const response = await fetch(`${region.node.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', region: 'hk' });
  });

  it('takes a mutation as plain JSON and a query as ?input=, no transformer, dates as ISO strings', async () => {
    const created = await fetch(`${region.node.url}/trpc/customers.create`, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(customerInput({ name: '東亞銀行有限公司' })),
    });
    expect(created.status).toBe(200);
    const { result } = (await created.json()) as { result: { data: { customer: { id: string; createdAt: string } } } };
    expect(result.data.customer.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const input = encodeURIComponent(JSON.stringify({ id: result.data.customer.id }));
    const fetched = await fetch(`${region.node.url}/trpc/customers.get?input=${input}`, { headers: identityHeaders(users.staff) });
    expect(fetched.status).toBe(200);
    const body = (await fetched.json()) as { result: { data: { name: string } } };
    expect(body.result.data.name).toBe('東亞銀行有限公司');
  });

  it('returns a validation error as HTTP 400 with field errors and a message naming the fields', async () => {
    const response = await fetch(`${region.node.url}/trpc/customers.create`, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ segment: 'property' }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; data: { code: string; fieldErrors: Record<string, string[]>; stack?: string } } };
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.fieldErrors.name).toEqual(['errors.required']);
    expect(error.message).toMatch(/name/);
    expect(error.data.stack).toBeUndefined();
  });

  it('refuses a body over 1 MB with 413 and keeps serving', async () => {
    const response = await fetch(`${region.node.url}/trpc/customers.create`, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(customerInput({ name: 'x'.repeat(1_100_000) })),
    });
    expect(response.status).toBe(413);
    const health = await fetch(`${region.node.url}/health`);
    expect(health.status).toBe(200);
    const me = await region.as(users.staff).me.query();
    expect(me.login).toBe('kaming.wong');
  });

  it('does not change state on GET', async () => {
    const input = encodeURIComponent(JSON.stringify(customerInput()));
    const response = await fetch(`${region.node.url}/trpc/customers.create?input=${input}`, { headers: identityHeaders(users.staff) });
    expect(response.status).toBe(405);
  });
});

describe('audit completeness', () => {
  it('records every API write with the actor and the procedure', async () => {
    const staff = region.as(users.staff);
    const { customer } = await staff.customers.create.mutate(customerInput({ name: 'Audit Trail Engineering Ltd' }));
    await staff.customers.update.mutate({ id: customer.id, lifecycleStage: 'active' });
    await region.as(users.lead).customers.reassign.mutate({ id: customer.id, accountManager: 'siuming.chan', reason: 'Workload' });
    const trail = await region.as(users.lead).audit.trail.query({ entity: 'customer', id: customer.id });
    expect(trail.items.map((entry) => [entry.action, entry.actor, entry.procedure])).toEqual([
      ['insert', 'kaming.wong', 'customers.create'],
      ['update', 'kaming.wong', 'customers.update'],
      ['update', 'mei.lee', 'customers.reassign'],
    ]);
    expect(trail.items[1]?.before).toMatchObject({ lifecycle_stage: 'prospect' });
    expect(trail.items[1]?.after).toMatchObject({ lifecycle_stage: 'active' });
  });
});
