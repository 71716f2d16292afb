import { findGlobalAccount, type HqExecutor } from '@meridian/hq-db';

/** Follows merge redirects so an old global code (a bookmark, an e-mail) still opens the account. */
export async function resolveCode(db: HqExecutor, globalCode: string): Promise<string | null> {
  let current = globalCode;
  for (let hops = 0; hops < 20; hops++) {
    const account = await findGlobalAccount(db, current);
    if (!account) return null;
    if (!account.mergedInto) return current;
    current = account.mergedInto;
  }
  return current;
}
