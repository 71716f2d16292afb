import { createHash } from 'node:crypto';

/**
 * Which clusters nobody may tune on. A cluster is held out (untuned) when the first two bytes of the SHA-256
 * of its id, read as a number, fall in the lowest 40% of their range: deterministic, independent of order
 * and of what else the file holds, and not something a person picks.
 *
 * Clusters of the first labelled file (labelled-clusters.json) are all "tuned": the matcher's thresholds
 * and weights were set while looking at them, so none of them can serve as unseen data.
 */
export const untunedShare = 0.4;

export type Split = 'tuned' | 'untuned';

export function heldOutById(id: string): boolean {
  const digest = createHash('sha256').update(id, 'utf8').digest();
  return digest.readUInt16BE(0) / 0x10000 < untunedShare;
}

export function splitOf(id: string, seenBefore: boolean): Split {
  return !seenBefore && heldOutById(id) ? 'untuned' : 'tuned';
}
