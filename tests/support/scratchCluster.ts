/**
 * A throw-away PostgreSQL cluster of our own (initdb on a free loopback port), for what the shared
 * test server cannot offer: transaction ids placed just below a power of ten or above 2^32
 * (`pg_resetwal -x/-e`), a postmaster a test may stop or kill, a data directory on a tiny tmpfs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { provisionDatabaseRoles } from '@meridian/db-driver';
import pg from 'pg';
import { freePort } from './ports.ts';

const run = promisify(execFile);

/** Debian's layout; MERIDIAN_PG_BIN overrides it. */
export function postgresBinDir(): string {
  if (process.env.MERIDIAN_PG_BIN) return process.env.MERIDIAN_PG_BIN;
  for (const version of ['15', '16', '17', '18', '14']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  throw new Error('No PostgreSQL server binaries found (set MERIDIAN_PG_BIN to the directory holding initdb)');
}

/** initdb and postgres refuse to run as root: under root (CI) they run as the `postgres` OS user. */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const osUser = asRoot ? 'postgres' : userInfo().username;

async function pgTool(tool: string, args: string[]): Promise<string> {
  const binary = join(postgresBinDir(), tool);
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', osUser, '--', binary, ...args]] : [binary, args];
  try {
    const { stdout } = await run(command, commandArgs, { maxBuffer: 4 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const detail = error as { stderr?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${detail.stderr || detail.message}`);
  }
}

function giveToOsUser(path: string) {
  if (!asRoot) return;
  const { uid, gid } = userInfoOf(osUser);
  chownSync(path, uid, gid);
}

function userInfoOf(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`OS user ${name} does not exist`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Data directories of clusters still running, stopped if the test process exits without destroying them. */
const running = new Set<string>();
process.once('exit', () => {
  for (const dataDir of running) {
    const binary = join(postgresBinDir(), 'pg_ctl');
    const args = ['-D', dataDir, '-m', 'immediate', 'stop'];
    try {
      if (asRoot) execFileSync('runuser', ['-u', osUser, '--', binary, ...args], { stdio: 'ignore' });
      else execFileSync(binary, args, { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
});

/** One pg_xact segment: 32 pages of 8 KiB, 2 status bits per transaction. */
const xidsPerClogSegment = 32 * 8192 * 4;
const clogSegmentBytes = 32 * 8192;

export interface ScratchClusterOptions {
  /** Where the data directory goes (e.g. a small tmpfs); a fresh temporary directory otherwise. */
  parentDir?: string;
  /** Next transaction id (32-bit part) and epoch to start from. */
  nextXid?: number;
  epoch?: number;
  label?: string;
}

export interface ScratchDatabase {
  /** As the superuser: for what only an administrator may do (truncating the feed, planting rows). */
  adminUrl: string;
  /** MERIDIAN_MIGRATE_URL. */
  ownerUrl: string;
  /** DATABASE_URL. */
  appUrl: string;
}

export interface ScratchCluster {
  readonly port: number;
  readonly dataDir: string;
  /** Connection string as the bootstrap superuser `root` (trust auth on loopback). */
  url(database?: string): string;
  start(): Promise<void>;
  /** `fast` lets clients go; `immediate` is a crash as far as clients can tell. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** The postmaster's process id while it runs (SIGSTOP/SIGKILL it to play an outage). */
  postmasterPid(): number | null;
  /** Moves the next transaction id forward (the cluster is stopped and started around it). */
  resetXid(nextXid: number, epoch?: number): Promise<void>;
  /** The next full (epoch-qualified) transaction id the cluster will hand out. */
  nextXid(): Promise<bigint>;
  /** Uses up transaction ids until the next one is at least `target`. */
  burnXidsTo(target: bigint): Promise<void>;
  /** An empty database; resolves to its URL as the superuser. */
  createDatabase(name: string): Promise<string>;
  /** An empty database with the owner/app role split the app insists on (migrate as owner, run as app). */
  createAppDatabase(name: string): Promise<ScratchDatabase>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** initdb, then (optionally) pg_resetwal to the wanted transaction id, then start on a free loopback port. */
export async function startScratchCluster(options: ScratchClusterOptions = {}): Promise<ScratchCluster> {
  const root = mkdtempSync(join(options.parentDir ?? tmpdir(), `meridian-scratch-${options.label ?? 'pg'}-`));
  giveToOsUser(root);
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  mkdirSync(socketDir);
  giveToOsUser(socketDir);
  const logFile = join(root, 'postgres.log');
  const port = await freePort();
  await pgTool('initdb', ['-D', dataDir, '-U', 'root', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  let up = false;

  const url = (database = 'postgres') => `postgres://root@127.0.0.1:${port}/${database}`;

  async function start() {
    if (up) return;
    const settings = [
      `-p ${port}`,
      `-k ${socketDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
      // The machine is never crashed, only processes: the page cache survives, so fsync buys nothing here.
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_wal_size=64MB',
      '-c min_wal_size=32MB',
    ].join(' ');
    await pgTool('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', settings, '-w', '-t', '60', 'start']);
    up = true;
    running.add(dataDir);
  }

  async function stop(mode: 'fast' | 'immediate' = 'fast') {
    if (!up && !existsSync(join(dataDir, 'postmaster.pid'))) return;
    await pgTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']).catch((error: Error) => {
      if (!/Is server running\?|PID file .* does not exist/.test(error.message)) throw error;
    });
    up = false;
    running.delete(dataDir);
  }

  /**
   * pg_resetwal moves the counter but leaves pg_xact as it was; the server refuses to start when the
   * commit-status page of the next id is missing, so the segment is padded (zero = "in progress",
   * which is what an id nobody has used yet is).
   */
  function padCommitLog(nextXid: number) {
    const segment = Math.floor(nextXid / xidsPerClogSegment).toString(16).toUpperCase().padStart(4, '0');
    const file = join(dataDir, 'pg_xact', segment);
    if (!existsSync(file)) writeFileSync(file, Buffer.alloc(0));
    if (statSync(file).size < clogSegmentBytes) truncateSync(file, clogSegmentBytes);
    giveToOsUser(file);
  }

  async function resetXid(nextXid: number, epoch?: number) {
    await stop('fast');
    const args = ['-D', dataDir, '-x', String(nextXid)];
    if (epoch !== undefined) args.push('-e', String(epoch));
    await pgTool('pg_resetwal', args);
    padCommitLog(nextXid);
    await start();
  }

  async function nextXid(): Promise<bigint> {
    // pg_current_xact_id() would use an id itself; the snapshot's xmax is the next one to be handed out.
    return withClient(url(), async (client) => {
      const { rows } = await client.query<{ next: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as next');
      return BigInt(rows[0]!.next);
    });
  }

  async function burnXidsTo(target: bigint) {
    await withClient(url(), async (client) => {
      for (;;) {
        const { rows } = await client.query<{ next: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as next');
        const remaining = target - BigInt(rows[0]!.next);
        if (remaining <= 0n) return;
        // Each statement outside a transaction block is its own transaction; one round trip burns many.
        const burn = Number(remaining < 500n ? remaining : 500n);
        await client.query(`do $$ begin for i in 1..${burn} loop perform pg_current_xact_id(); commit; end loop; end $$`);
      }
    });
  }

  async function createDatabase(name: string) {
    await withClient(url(), (client) => client.query(`create database ${pg.escapeIdentifier(name)}`));
    return url(name);
  }

  if (options.nextXid !== undefined || options.epoch !== undefined) {
    const controlData = await pgTool('pg_controldata', [dataDir]);
    const current = Number(/NextXID:\s+\d+:(\d+)/.exec(controlData)?.[1] ?? 0);
    const wanted = options.nextXid ?? current;
    if (wanted < current) throw new Error(`nextXid ${wanted} is below the fresh cluster's ${current}`);
    await resetXid(wanted, options.epoch);
  } else {
    await start();
  }

  return {
    port,
    dataDir,
    url,
    start,
    stop,
    postmasterPid: () => {
      const pidFile = join(dataDir, 'postmaster.pid');
      return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
    },
    resetXid,
    nextXid,
    burnXidsTo,
    createDatabase,
    createAppDatabase: async (name) => {
      const adminUrl = await createDatabase(name);
      const roles = await provisionDatabaseRoles(adminUrl);
      return { adminUrl, ownerUrl: roles.ownerUrl, appUrl: roles.appUrl };
    },
    destroy: async () => {
      await stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
