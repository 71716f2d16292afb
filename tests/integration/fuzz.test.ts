import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederationKeyStore } from '@meridian/federation';
import { startHq, type RunningHq } from '@meridian/hq';
import { hqRouter } from '@meridian/hq-api';
import { regionRouter } from '@meridian/region-api';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import { createTestHqDatabase, createTestRegionDatabase, type TestHqDatabase, type TestRegionDatabase } from '@meridian/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { fuzzCases, type FuzzCase, type JsonSchema } from '../support/jsonSchemaArbitrary.ts';
import { identityHeaders, testProxySecret } from '../support/regionNode.ts';

/**
 * Every procedure of both routers, found from the router definitions (a procedure added tomorrow is
 * fuzzed too), called over HTTP against real servers on real databases with valid inputs, valid inputs
 * with one field spoilt or a hostile key added, and arbitrary JSON. No answer may be a 5xx: bad input is
 * the caller's mistake, and must be refused with a 4xx saying which field. The share of cases that got
 * past validation to the handler is reported, so a fuzzer that only ever hits the schema shows as such.
 */
const runsPerProcedure = Number(process.env.MERIDIAN_FUZZ_RUNS ?? 40);
const seed = process.env.MERIDIAN_FUZZ_SEED ? Number(process.env.MERIDIAN_FUZZ_SEED) : undefined;

/** Exempt from rate limits (the servers' `rateLimit.exemptLogins`): thousands of calls a minute are the point. */
const fuzzer = 'fuzzer';
const regionUser = { login: fuzzer, groups: 'crm-staff,crm-lead,crm-region-hk' };
const hqUser = { login: fuzzer, groups: 'crm-admin,crm-hq,crm-lead,crm-region-hk' };

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: Array<{ toJSONSchema(params: { io: 'input'; unrepresentable: 'any' }): unknown }> };
}

function proceduresOf(router: { _def: { procedures: Record<string, unknown> } }) {
  return Object.entries(router._def.procedures as Record<string, ProcedureDef>)
    .filter(([, procedure]) => procedure._def.type !== 'subscription')
    .map(([path, procedure]) => {
      const input = procedure._def.inputs[0];
      const schema = input ? (input.toJSONSchema({ io: 'input', unrepresentable: 'any' }) as JsonSchema) : null;
      return { path, type: procedure._def.type, schema };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

const regionProcedures = proceduresOf(regionRouter);
const hqProcedures = proceduresOf(hqRouter);

type Outcome = 'validation' | 'handler' | 'server error';
const tally = new Map<string, Record<Outcome, number>>();
/** Procedures (with an input) for which no case got past validation: a gap in the generator to look at. */
const reachedByProcedure = new Map<string, number>();

function count(router: string, path: string, outcome: Outcome) {
  const row = tally.get(router) ?? { validation: 0, handler: 0, 'server error': 0 };
  row[outcome] += 1;
  tally.set(router, row);
  reachedByProcedure.set(`${router} ${path}`, (reachedByProcedure.get(`${router} ${path}`) ?? 0) + (outcome === 'handler' ? 1 : 0));
}

async function send(baseUrl: string, procedure: { path: string; type: string }, fuzzCase: FuzzCase, headers: Record<string, string>) {
  const json = fuzzCase.input === undefined ? undefined : JSON.stringify(fuzzCase.input);
  const response =
    procedure.type === 'query'
      ? await fetch(`${baseUrl}/trpc/${procedure.path}${json === undefined ? '' : `?input=${encodeURIComponent(json)}`}`, { headers })
      : await fetch(`${baseUrl}/trpc/${procedure.path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: json ?? '' });
  const body = await response.text();
  let data: { code?: string; messageKey?: string } | undefined;
  try {
    data = (JSON.parse(body) as { error?: { data?: typeof data } }).error?.data;
  } catch {
    data = undefined;
  }
  return { status: response.status, data, body };
}

/** Refused before the handler ran: the schema (or tRPC's own parsing of the request). */
function refusedByValidation(status: number, data: { code?: string; messageKey?: string } | undefined) {
  return (status === 400 && data?.messageKey === 'errors.invalid_input') || data?.code === 'PARSE_ERROR' || status === 413 || status === 414 || status === 431;
}

const customerIds: string[] = [];
let jobs = 0;
const anyCustomer = () => customerIds[jobs++ % customerIds.length]!;
/** Known-good inputs for procedures whose fields depend on each other (see `fromSeed`). */
const seeds: Record<string, () => Record<string, unknown>> = {
  'region customers.create': () => ({ ...customerInput() }),
  'region customers.update': () => ({ id: anyCustomer(), segment: 'industrial', subSegment: 'manufacturing', city: 'Kowloon' }),
  'region projects.create': () => ({ jobCode: `HK-FUZZ-${++jobs}`, customerId: anyCustomer(), serviceCategory: 'consulting', country: 'HK', city: 'Hong Kong' }),
  'region contactRecords.create': () => ({ ...contactRecordInput(anyCustomer()) }),
  'hq regions.register': () => ({ code: `fz${String.fromCharCode(97 + (jobs++ % 26))}`, name: 'Fuzz node', baseUrl: 'http://127.0.0.1:9', locales: ['en-GB'], timezone: 'Europe/London', currency: 'GBP', country: 'GB' }),
};

let regionDatabase: TestRegionDatabase;
let hqDatabase: TestHqDatabase;
let region: RunningRegionNode;
let hq: RunningHq;
let keyStore: FederationKeyStore;

beforeAll(async () => {
  keyStore = new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-fuzz-keys-')));
  const federationKeys = await keyStore.issue('hk');
  const trust = { demoMode: false, proxySecret: testProxySecret };
  const rateLimit = { exemptLogins: [fuzzer] };
  regionDatabase = await createTestRegionDatabase('fuzz-region');
  hqDatabase = await createTestHqDatabase('fuzz-hq');
  region = await startRegionNode({ config: loadRegionConfig('hk'), database: regionDatabase, port: 0, security: { ...trust, federationKeys }, rateLimit });
  hq = await startHq({ database: hqDatabase, keysDir: keyStore.directory, port: 0, trust, waitMs: 500, log: () => undefined, rateLimit });
  await hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig('hk')), baseUrl: region.url }, 'fuzz');

  // Some data, so reads and writes that name existing rows have rows to find.
  const headers = { ...identityHeaders(regionUser), 'content-type': 'application/json' };
  for (let index = 0; index < 3; index++) {
    const created = await fetch(`${region.url}/trpc/customers.create`, { method: 'POST', headers, body: JSON.stringify(customerInput()) });
    const { result } = (await created.json()) as { result: { data: { customer: { id: string } } } };
    customerIds.push(result.data.customer.id);
    await fetch(`${region.url}/trpc/contactRecords.create`, { method: 'POST', headers, body: JSON.stringify(contactRecordInput(result.data.customer.id)) });
  }
  await hq.runtime.syncNow();
});

afterAll(async () => {
  const rows = [...tally.entries()].map(([router, row]) => {
    const total = row.validation + row.handler + row['server error'];
    return { router, cases: total, 'refused by validation': row.validation, 'reached the handler': row.handler, 'share reaching the handler': `${((100 * row.handler) / Math.max(total, 1)).toFixed(1)}%`, '5xx': row['server error'] };
  });
  console.log(`fuzz: ${runsPerProcedure} cases per procedure${seed === undefined ? '' : `, seed ${seed}`}`);
  console.table(rows);
  const neverReached = [...reachedByProcedure.entries()].filter(([, reached]) => reached === 0).map(([procedure]) => procedure);
  if (neverReached.length) console.log(`no case got past validation for: ${neverReached.join(', ')}`);
  await hq?.close();
  await region?.close();
  await hqDatabase?.cleanup();
  await regionDatabase?.cleanup();
});

function fuzzRouter(router: 'region' | 'hq', procedures: typeof regionProcedures) {
  describe(`${router} API under fuzzed input`, () => {
    it('has procedures to fuzz (enumerated from the router)', () => {
      expect(procedures.length).toBeGreaterThan(router === 'region' ? 20 : 25);
    });

    it.each(procedures)('$path answers every input with less than 500', { timeout: 120_000 }, async (procedure) => {
      const baseUrl = router === 'region' ? region.url : hq.url;
      const federation = procedure.path.startsWith('federation.');
      const signer = keyStore.signerFor('hk');
      await fc.assert(
        fc.asyncProperty(fuzzCases(procedure.schema, seeds[`${router} ${procedure.path}`]), async (fuzzCase) => {
          // HQ's own token for federation calls (a fresh one each time: tokens are single-use).
          const headers = federation ? { authorization: `Bearer ${await signer()}` } : identityHeaders(router === 'region' ? regionUser : hqUser);
          const { status, data, body } = await send(baseUrl, procedure, fuzzCase, headers);
          if (status >= 500) {
            count(router, procedure.path, 'server error');
            throw new Error(`${procedure.path} answered ${status} to a ${fuzzCase.kind} input: ${body.slice(0, 300)}`);
          }
          count(router, procedure.path, refusedByValidation(status, data) ? 'validation' : 'handler');
          // A refusal always says why, with a stable key (a 404 for an unknown path aside).
          if (status >= 400) expect(data?.messageKey ?? data?.code, body.slice(0, 200)).toBeTruthy();
        }),
        { numRuns: runsPerProcedure, seed, endOnFailure: false },
      );
    });

    // A fuzzer whose inputs the schemas refuse wholesale proves nothing about the handlers behind them.
    it('gets a fair share of its cases past validation to the handlers', () => {
      const row = tally.get(router)!;
      expect(row.handler / (row.handler + row.validation)).toBeGreaterThan(0.25);
    });
  });
}

fuzzRouter('region', regionProcedures);
fuzzRouter('hq', hqProcedures);
