import { describe, expect, it } from 'vitest';
import { failureOf } from './regionNode.ts';

export type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * One test per procedure × kind of caller, each asserting the expected outcome: deny by default is only
 * true if every cell of the table is checked. `clientFor` is called inside the test (servers start in beforeAll).
 */
export function describeAuthorisationMatrix<Client, Kind extends string>(options: {
  title: string;
  kinds: readonly Kind[];
  /** Each call gets the caller's kind too, for calls that name the caller (e.g. as a review's signer). */
  procedures: Record<string, (client: Client, kind: Kind) => Promise<unknown>>;
  expected: Record<string, Record<Kind, Outcome>>;
  clientFor: (kind: Kind) => Client;
}) {
  describe(options.title, () => {
    const cases = Object.keys(options.procedures).flatMap((procedure) => options.kinds.map((kind) => [procedure, kind, options.expected[procedure]![kind]] as const));
    it.each(cases)('%s as %s → %s', async (procedure, kind, outcome) => {
      const call = options.procedures[procedure]!(options.clientFor(kind), kind);
      if (outcome === 'ok') await expect(call).resolves.toBeDefined();
      else expect((await failureOf(call)).data.code).toBe(outcome);
    });
  });
}
