/** Child processes a fault test can kill, pause and bring back on the same port and database. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildSpec } from './child.ts';

const childMain = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface NodeProcess {
  readonly url: string;
  readonly pid: number | null;
  /** Kills with the signal and waits for the process to be gone (SIGKILL: no cleanup at all). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  pause(): void;
  resume(): void;
  /** Starts it again with the same spec (port, database). */
  start(): Promise<void>;
  /** False once it has exited by itself (a crash) rather than by `kill`. */
  alive(): boolean;
  /** The tail of its output, for failure messages. */
  output(): string;
  /** Distinct first lines of the internal errors it logged ("[region-api] …"), with counts. */
  internalErrors(): Map<string, number>;
}

export function nodeProcess(label: string, spec: ChildSpec): NodeProcess {
  let child: ChildProcess | null = null;
  let exited = true;
  let log = '';
  const internal = new Map<string, number>();
  const url = `http://127.0.0.1:${spec.port}`;

  async function start() {
    if (child && !exited) return;
    exited = false;
    const started = spawn(process.execPath, ['--import', 'tsx', childMain], {
      env: { ...process.env, MERIDIAN_FAULT_NODE: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    const append = (chunk: Buffer) => {
      const text = chunk.toString();
      log = (log + text).slice(-8_000);
      for (const match of text.matchAll(/\[(?:region|hq)-api\][^\n]*/g)) internal.set(match[0].slice(0, 100), (internal.get(match[0].slice(0, 100)) ?? 0) + 1);
    };
    started.stderr!.on('data', append);
    started.once('exit', () => {
      exited = true;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not start within 60 s:\n${log}`)), 60_000);
      started.stdout!.on('data', (chunk: Buffer) => {
        append(chunk);
        if (/^ready /m.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited while starting (${code ?? signal}):\n${log}`));
      });
    });
  }

  return {
    url,
    get pid() {
      return child && !exited ? (child.pid ?? null) : null;
    },
    start,
    kill: async (signal = 'SIGKILL') => {
      if (!child || exited) return;
      const gone = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill(signal);
      await gone;
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    alive: () => !exited,
    output: () => log,
    internalErrors: () => internal,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pseudo-random delay in [min, max): kill points that differ from run to run. */
export const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** Resolves once `count()` has grown by `by` (or after `timeoutMs`): kill points measured in acknowledged writes. */
export async function untilGrown(count: () => number, by: number, timeoutMs = 15_000): Promise<void> {
  const start = count();
  const deadline = Date.now() + timeoutMs;
  while (count() - start < by && Date.now() < deadline) await sleep(20);
}
