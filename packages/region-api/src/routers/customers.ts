import {
  customerCreateInput,
  customerGetInput,
  customerListInput,
  customerReassignInput,
  customerUpdateInput,
  isSubSegmentOf,
  messageKeys,
  type Segment,
} from '@meridian/domain';
import {
  accountManagerHistoryOf,
  contactPersonsOf,
  findCustomer,
  insertCustomer,
  listCustomers,
  nextCustomerCode,
  setAccountManager,
  updateCustomer,
  type RegionExecutor,
} from '@meridian/region-db';
import { findDuplicateCandidates } from '../duplicateGuard.ts';
import { AppError, fieldError, notFound } from '../errors.ts';
import { createRouter, regionLeadProcedure, regionReadProcedure, regionWriteProcedure } from '../trpc.ts';
import { customerView } from '../views.ts';
import { writeAs } from '../writeContext.ts';

async function existingCustomer(db: RegionExecutor, id: string, options: { forUpdate?: boolean } = {}) {
  const customer = await findCustomer(db, id, options);
  if (!customer) throw notFound(messageKeys.customerNotFound);
  return customer;
}

export const customersRouter = createRouter({
  create: regionWriteProcedure.input(customerCreateInput).mutation(async ({ ctx, input }) => {
    const { allowDuplicate, ...fields } = input;
    // Read before the write transaction: it scans the node's names, and the write takes the audit chain
    // lock first, which every other writer waits for. Two people creating the same customer in the same
    // instant may both pass; the guard warns, it does not forbid (allowDuplicate exists for that reason).
    if (!allowDuplicate) {
      const candidates = await findDuplicateCandidates(ctx.db, fields, ctx.region.code);
      if (candidates.length > 0) {
        throw new AppError(
          'CONFLICT',
          {
            messageKey: messageKeys.duplicateCustomer,
            candidates: candidates.map(({ customer, score, reasons }) => ({
              id: customer.id,
              code: customer.code,
              name: customer.name,
              nameLatin: customer.nameLatin,
              city: customer.city,
              accountManager: customer.accountManager,
              score,
              reasons,
            })),
          },
          `Likely duplicate of ${candidates.map(({ customer }) => customer.code).join(', ')}; send allowDuplicate: true to create anyway`,
        );
      }
    }
    return writeAs(ctx, 'customers.create', async (tx) => {
      const customer = await insertCustomer(tx, {
        ...fields,
        code: await nextCustomerCode(tx, ctx.region.customerCodePrefix),
        country: ctx.region.config.country,
        actor: ctx.identity.login,
      });
      return { customer: customerView(customer) };
    });
  }),

  get: regionReadProcedure.input(customerGetInput).query(async ({ ctx, input }) => {
    const customer = await existingCustomer(ctx.db, input.id);
    const [managerHistory, contactPersons] = await Promise.all([
      accountManagerHistoryOf(ctx.db, customer.id),
      contactPersonsOf(ctx.db, customer.id),
    ]);
    return { ...customerView(customer), managerHistory, contactPersons };
  }),

  list: regionReadProcedure.input(customerListInput).query(async ({ ctx, input }) => {
    const page = await listCustomers(ctx.db, input);
    return { items: page.items.map(customerView), nextCursor: page.nextCursor };
  }),

  update: regionWriteProcedure.input(customerUpdateInput).mutation(async ({ ctx, input }) => {
    const { id, expectedVersion, ...changes } = input;
    return writeAs(ctx, 'customers.update', async (tx) => {
      const current = await existingCustomer(tx, id, { forUpdate: true });
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new AppError('CONFLICT', { messageKey: messageKeys.staleVersion });
      }
      const merged = { ...current, ...changes };
      if (!merged.phone && !merged.email) {
        throw new AppError('BAD_REQUEST', {
          messageKey: messageKeys.phoneOrEmailRequired,
          fieldErrors: { phone: [messageKeys.phoneOrEmailRequired], email: [messageKeys.phoneOrEmailRequired] },
        });
      }
      if (!isSubSegmentOf(merged.segment as Segment, merged.subSegment)) {
        throw fieldError('subSegment', messageKeys.subSegmentMismatch);
      }
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const customer = await updateCustomer(tx, current, defined, ctx.identity.login);
      return { customer: customerView(customer) };
    });
  }),

  reassign: regionLeadProcedure.input(customerReassignInput).mutation(async ({ ctx, input }) =>
    writeAs(
      ctx,
      'customers.reassign',
      async (tx) => {
        const current = await existingCustomer(tx, input.id, { forUpdate: true });
        if (current.accountManager === input.accountManager) throw fieldError('accountManager', messageKeys.sameAccountManager);
        const customer = await setAccountManager(tx, current, input.accountManager, ctx.identity.login);
        return { customer: { ...customerView(customer), managerHistory: await accountManagerHistoryOf(tx, customer.id) } };
      },
      { reason: input.reason },
    ),
  ),
});
