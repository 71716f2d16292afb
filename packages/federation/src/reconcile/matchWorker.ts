import { parentPort, workerData } from 'node:worker_threads';
import { runMatching, type MatchingInput } from './matching.ts';

// Runs off HQ's main thread, so sync loops and API requests keep flowing while 100k customers are matched.
parentPort!.postMessage(runMatching(workerData as MatchingInput));
