import { performance } from 'node:perf_hooks';
import { nameKey, registrationKey, searchText, websiteDomain } from '@meridian/names';
import { customers, inWriteTransaction } from '@meridian/region-db';
import { customerInput } from '../support/factories.ts';
import { failureOf, startTestRegion, users } from '../support/regionNode.ts';
import { fixed, percentile, positiveIntFromEnv } from './figures.ts';

// Informational benchmark: customers.create with the duplicate guard on a node that already holds
// BENCH_CUSTOMERS customers (default 50,000) in Latin, Traditional and Simplified Chinese and Arabic.

const population = positiveIntFromEnv('BENCH_CUSTOMERS', 50_000);
const probes = positiveIntFromEnv('BENCH_PROBES', 60);

const latinWords = ['Harbour', 'Pacific', 'Golden', 'Dragon', 'Orient', 'Summit', 'Crown', 'Pearl', 'Jade', 'Lotus', 'Phoenix', 'Victoria', 'Kowloon', 'Lantau', 'Imperial', 'Silver', 'Eastern', 'Northern', 'Star', 'Ocean'];
const sectors = ['Bank', 'Engineering', 'Properties', 'Trading', 'Logistics', 'Holdings', 'Insurance', 'Hotels', 'Securities', 'Shipping'];
const legal = ['Limited', 'Ltd', 'plc', 'Holdings Ltd', 'Company Limited'];
const hanPool = '龍鳳金銀海港東西南北華興隆泰昌盛發達富貴祥和安康永利寶豐恒信德順通明光輝'.split('');
const hanSectors = ['銀行', '工程', '地產', '貿易', '物流', '保險', '酒店', '證券', '航運', '集團'];
const arabicWords = ['الخليج', 'النور', 'الشرق', 'الصقر', 'الواحة', 'النخيل', 'الريان', 'الفجر'];
const arabicSectors = ['للتجارة', 'للمقاولات', 'للتأمين', 'القابضة', 'للشحن'];

/** A small seeded generator, so customer n has the same name at load time and when a probe retypes it. */
function generator(seed: number) {
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return { random, pick };
}
const { random, pick } = generator(42);
const distinct = (n: number) => n.toString(36).replace(/\d/g, (digit) => 'qwxyzjkvbp'[Number(digit)]!);

function customerName(n: number): { name: string; nameLatin: string | null } {
  const { random, pick } = generator(n * 7919 + 1);
  switch (n % 4) {
    case 0:
      return { name: `${pick(latinWords)} ${distinct(n)} ${pick(sectors)} ${pick(legal)}`, nameLatin: null };
    case 1:
    case 2: {
      const han = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(hanPool)).join('');
      return { name: `${han}${pick(hanSectors)}有限公司`, nameLatin: random() < 0.5 ? `${pick(latinWords)} ${distinct(n)} ${pick(sectors)} Limited` : null };
    }
    default:
      return { name: `${pick(arabicWords)} ${pick(arabicWords)} ${pick(arabicSectors)}`, nameLatin: null };
  }
}

async function load(region: Awaited<ReturnType<typeof startTestRegion>>) {
  const started = performance.now();
  for (let start = 0; start < population; start += 1000) {
    const rows: Array<typeof customers.$inferInsert> = [];
    for (let n = start; n < Math.min(population, start + 1000); n++) {
      const { name, nameLatin } = customerName(n);
      const website = n % 3 === 0 ? `www.${distinct(n)}-${pick(sectors).toLowerCase()}.com.hk` : null;
      const registrationId = n % 5 === 0 ? `CR${String(n).padStart(8, '0')}` : null;
      const code = `HK-B${String(n).padStart(7, '0')}`;
      rows.push({
        code, name, nameLatin, nameLatinSource: nameLatin ? ('typed' as const) : null, website, registrationId,
        segment: 'property', subSegment: 'hotels', city: 'Hong Kong', country: 'HK', email: `c${n}@bench.example`,
        accountManager: 'bench.staff', createdBy: 'bench', updatedBy: 'bench',
        nameKeys: [...new Set([nameKey(name), ...(nameLatin ? [nameKey(nameLatin)] : [])].filter(Boolean))],
        registrationKey: registrationKey(registrationId), websiteDomain: websiteDomain(website), searchText: searchText([name, nameLatin, code]),
      });
    }
    await inWriteTransaction(region.database.db, { actor: 'bench', procedure: 'bench.load' }, (tx) => tx.insert(customers).values(rows));
  }
  return (performance.now() - started) / 1000;
}

async function main() {
  const region = await startTestRegion('bench-duplicate-guard', { rateLimit: { exemptLogins: [users.staff.login] } });
  try {
    const loadSeconds = await load(region);
    const staff = region.as(users.staff);
    const base = { segment: 'property' as const, subSegment: 'hotels' as const, city: 'Hong Kong', accountManager: 'bench.staff', email: 'probe@bench.example' };
    const warned: number[] = [];
    const clear: number[] = [];
    let warnings = 0;
    for (let i = 0; i < probes; i++) {
      // Half the probes retype an existing customer in another form (expect a warning); half are new.
      const existing = customerName(Math.floor(random() * population));
      const probe = i % 2 === 0 ? { name: existing.name.replace(/有限公司|Limited|Ltd/, '').trim() } : { name: customerInput().name };
      const started = performance.now();
      const outcome = await failureOf(staff.customers.create.mutate({ ...base, ...probe })).catch(() => null);
      const ms = performance.now() - started;
      if (outcome && outcome.data.code !== 'CONFLICT') throw new Error(`probe ${probe.name} refused: ${outcome.message}`);
      if (outcome?.data.code === 'CONFLICT') {
        warnings++;
        warned.push(ms);
      } else clear.push(ms);
    }
    warned.sort((a, b) => a - b);
    clear.sort((a, b) => a - b);
    console.log(`duplicate guard on ${population.toLocaleString('en-GB')} customers (loaded in ${fixed(loadSeconds)} s), ${probes} creates over HTTP`);
    console.log(`  warned (${warnings}): p50 ${fixed(percentile(warned, 50))} ms, p95 ${fixed(percentile(warned, 95))} ms, max ${fixed(warned.at(-1) ?? NaN)} ms`);
    console.log(`  created (${clear.length}, guard + insert): p50 ${fixed(percentile(clear, 50))} ms, p95 ${fixed(percentile(clear, 95))} ms, max ${fixed(clear.at(-1) ?? NaN)} ms`);
  } finally {
    await region.close();
  }
}

await main();
