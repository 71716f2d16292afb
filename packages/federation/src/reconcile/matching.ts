import { Worker } from 'node:worker_threads';
import { runMatching, type MatchingInput, type MatchingResult } from '@meridian/matching';

export { runMatching, type MatchingInput, type MatchingResult };

/** Below this, matching takes milliseconds and a worker's start-up would cost more than it saves. */
export const workerThreshold = 5_000;

/**
 * Matches on a worker thread when the population is large (seconds of CPU), inline when it is small.
 * The worker loads TypeScript through tsx, as the HQ process itself does.
 */
export function matchCustomers(input: MatchingInput, options: { worker?: boolean } = {}): Promise<MatchingResult> {
  const useWorker = options.worker ?? input.customers.length >= workerThreshold;
  if (!useWorker) return Promise.resolve(runMatching(input));
  return new Promise((resolve, reject) => {
    // A worker does not inherit the parent's TypeScript loader: register tsx in it, then load the module.
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./matchWorker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: input });
    worker.once('message', (result: MatchingResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`matching worker exited with ${code}`));
    });
  });
}
