import type { MatchableCustomer } from '../src/index.ts';

/** Deterministic PRNG (mulberry32) so every bench run scores the same population. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const benchRegions = [
  'gb', 'hk', 'cn', 'ae', 'sg', 'fr', 'de', 'us', 'jp', 'kr', 'in', 'au', 'ca', 'ch', 'nl',
  'es', 'it', 'sa', 'qa', 'my', 'th', 'id', 'vn', 'tw', 'br',
];
const hanRegions = new Set(['hk', 'cn', 'tw', 'sg', 'my']);
const arabicRegions = new Set(['ae', 'sa', 'qa']);
const ccTld: Record<string, string> = { gb: 'co.uk', hk: 'com.hk', cn: 'cn', ae: 'ae', sg: 'com.sg', au: 'com.au', jp: 'co.jp' };
const syllables = 'ka,lo,ver,tan,mi,sor,del,fin,ra,zen,qu,bel,tor,ni,vac,hol,gar,lin,mar,pet,sun,ox,ul,dra,ken,wu,li,chen,po,yar'.split(',');
const hanPool = '金龙华泰丰盛永安德利宏信源昌隆兴达通海东南西北新和平福瑞祥鑫凯恒远创科星光辉明正大中天嘉豪'.split('');
const arabicPool = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'.split('');
const commonWords = ['trading', 'holdings', 'group', 'international', 'bank', 'engineering', 'construction', 'logistics', 'technology', 'services', 'capital', 'properties', 'consulting', 'foods', 'retail'];
const hanCommon = ['贸易', '控股', '集团', '国际', '银行', '工程', '建设', '物流', '科技', '服务', '地产'];
const arabicCommon = ['للتجارة', 'القابضة', 'مجموعة', 'الدولية', 'بنك', 'للمقاولات', 'العقارية'];
const legalForms = ['Ltd', 'Limited', 'plc', 'GmbH', 'SA', 'Pte Ltd', 'LLC', 'Inc', 'Co., Ltd.', ''];

function pick<T>(items: T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Zipf-like: a few words are very common, most are rare, as in real firm names. */
function zipfIndex(size: number, random: () => number): number {
  return Math.min(size - 1, Math.floor(Math.pow(size, random()) - 1));
}

function word(random: () => number, parts = 2 + Math.floor(random() * 2)): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += pick(syllables, random);
  return text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function typo(text: string, random: () => number): string {
  if (text.length < 6) return text;
  const at = 1 + Math.floor(random() * (text.length - 2));
  return text.slice(0, at) + text.slice(at + 1);
}

function hanName(random: () => number, length = 2): string {
  let text = '';
  for (let i = 0; i < length; i++) text += pick(hanPool, random);
  return text;
}

/**
 * A population like HQ's: multinationals entered in many regions under varied names and scripts, and
 * local firms whose names draw on a shared, Zipf-distributed vocabulary (so common words are common).
 */
export function syntheticPopulation(size: number, seed = 42): MatchableCustomer[] {
  const random = seededRandom(seed);
  const customers: MatchableCustomer[] = [];
  const vocabulary = Array.from({ length: 6000 }, () => word(random));
  const multinationals = Array.from({ length: 1500 }, () => ({
    brand: word(random, 2),
    han: hanName(random, 2),
    arabic: Array.from({ length: 5 }, () => pick(arabicPool, random)).join(''),
    common: pick(commonWords, random),
    hanCommon: pick(hanCommon, random),
  }));
  let id = 0;
  const push = (customer: Omit<MatchableCustomer, 'key'>): void => {
    customers.push({ key: `${customer.region}:${++id}`, ...customer });
  };
  const multinationalShare = Math.floor(size * 0.3);
  while (customers.length < multinationalShare) {
    const company = pick(multinationals, random);
    const region = pick(benchRegions, random);
    const website = random() < 0.5 ? `https://www.${company.brand}.${ccTld[region] ?? 'com'}` : null;
    const latin = `${capitalise(random() < 0.05 ? typo(company.brand, random) : company.brand)} ${capitalise(company.common)} ${pick(legalForms, random)}`.trim();
    if (hanRegions.has(region) && random() < 0.7) {
      push({ region, name: `${company.han}${company.hanCommon}有限公司`, nameLatin: random() < 0.5 ? latin : null, website, country: region.toUpperCase() });
    } else if (arabicRegions.has(region) && random() < 0.6) {
      push({ region, name: `${company.arabic} ${pick(arabicCommon, random)}`, nameLatin: random() < 0.5 ? latin : null, website, country: region.toUpperCase() });
    } else {
      push({ region, name: latin, website, country: region.toUpperCase() });
    }
  }
  while (customers.length < size) {
    const region = pick(benchRegions, random);
    const words = [vocabulary[zipfIndex(vocabulary.length, random)]!, ...(random() < 0.5 ? [vocabulary[zipfIndex(vocabulary.length, random)]!] : [])];
    const website = random() < 0.3 ? `${words.join('')}.${ccTld[region] ?? 'com'}` : null;
    const registrationId = random() < 0.3 ? String(10000000 + Math.floor(random() * 89999999)) : null;
    if (hanRegions.has(region) && random() < 0.6) {
      push({ region, name: `${hanName(random, 2 + Math.floor(random() * 2))}${pick(hanCommon, random)}有限公司`, website, registrationId, country: region.toUpperCase() });
    } else if (arabicRegions.has(region) && random() < 0.5) {
      push({ region, name: `${Array.from({ length: 5 }, () => pick(arabicPool, random)).join('')} ${pick(arabicCommon, random)}`, website, registrationId, country: region.toUpperCase() });
    } else {
      push({ region, name: `${words.map(capitalise).join(' ')} ${capitalise(pick(commonWords, random))} ${pick(legalForms, random)}`.trim(), website, registrationId, country: region.toUpperCase() });
    }
  }
  return customers;
}
