import {
  contactRecordAmendInput,
  contactRecordCreateInput,
  contactRecordIdInput,
  contactRecordListInput,
  contactRecordUpdateInput,
  isServiceLevelTracked,
  messageKeys,
  serviceLevelDue,
  type Priority,
  type ServiceCategory,
} from '@meridian/domain';
import {
  amendmentsOf,
  findContactRecord,
  findContactRecordByClientReference,
  findProjectByJobCode,
  insertContactRecord,
  listContactRecords,
  updateContactRecord,
  type ContactRecordRow,
  type RegionExecutor,
} from '@meridian/region-db';
import { AppError, fieldError, notFound } from '../errors.ts';
import type { RegionRuntime } from '../region.ts';
import { createRouter, regionReadProcedure, regionWriteProcedure } from '../trpc.ts';
import { contactRecordView } from '../views.ts';
import { writeAs } from '../writeContext.ts';

async function existingRecord(db: RegionExecutor, id: string, options: { forUpdate?: boolean } = {}) {
  const record = await findContactRecord(db, id, options);
  if (!record) throw notFound(messageKeys.contactRecordNotFound);
  return record;
}

/** A job code on a record must name a project of the same customer in this region. */
async function checkJobCode(db: RegionExecutor, jobCode: string | null | undefined, customerId: string) {
  if (!jobCode) return;
  const project = await findProjectByJobCode(db, jobCode);
  if (!project || project.customerId !== customerId) throw fieldError('jobCode', messageKeys.jobCodeUnknown);
}

interface ServiceLevelInputs {
  typeCode: string;
  occurredAt: Date;
  serviceCategory?: string | null;
  priority?: string | null;
}

/** Help requests carry their agreed response and completion deadlines; other records carry none. */
function serviceLevelFields(region: RegionRuntime, record: ServiceLevelInputs) {
  if (!isServiceLevelTracked(record.typeCode) || !record.serviceCategory) {
    return { priority: record.priority ?? null, slaResponseDueAt: null, slaCompletionDueAt: null };
  }
  const priority = (record.priority ?? 'normal') as Priority;
  const due = serviceLevelDue(record.occurredAt, record.serviceCategory as ServiceCategory, priority, region.serviceLevels);
  return { priority, slaResponseDueAt: due.responseDueAt, slaCompletionDueAt: due.completionDueAt };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

export const contactRecordsRouter = createRouter({
  create: regionWriteProcedure.input(contactRecordCreateInput).mutation(async ({ ctx, input }) =>
    writeAs(ctx, 'contactRecords.create', async (tx) => {
      if (input.clientReference) {
        const sent = await findContactRecordByClientReference(tx, input.clientReference);
        if (sent) return { record: contactRecordView(sent) };
      }
      await checkJobCode(tx, input.jobCode, input.customerId);
      const record = await insertContactRecord(tx, {
        ...input,
        jobCode: input.jobCode ?? null,
        nextStepDue: input.nextStepDue ?? null,
        serviceCategory: input.serviceCategory ?? null,
        language: input.language ?? ctx.region.defaultLanguage,
        ...serviceLevelFields(ctx.region, input),
        status: 'open',
        createdBy: ctx.identity.login,
        updatedBy: ctx.identity.login,
      });
      return { record: contactRecordView(record) };
    }),
  ),

  get: regionReadProcedure.input(contactRecordIdInput).query(async ({ ctx, input }) => {
    const record = await existingRecord(ctx.db, input.id);
    return { ...contactRecordView(record), amendments: await amendmentsOf(ctx.db, record.id) };
  }),

  list: regionReadProcedure.input(contactRecordListInput).query(async ({ ctx, input }) => {
    const page = await listContactRecords(ctx.db, input);
    const now = new Date();
    return { items: page.items.map((row) => contactRecordView(row, now)), nextCursor: page.nextCursor };
  }),

  update: regionWriteProcedure.input(contactRecordUpdateInput).mutation(async ({ ctx, input }) =>
    writeAs(ctx, 'contactRecords.update', async (tx) => {
      const { id, ...changes } = input;
      const current = await existingRecord(tx, id, { forUpdate: true });
      if (current.status === 'closed') throw new AppError('PRECONDITION_FAILED', { messageKey: messageKeys.contactRecordClosed });
      const merged = { ...current, ...withoutUndefined(changes) };
      await checkJobCode(tx, merged.jobCode, current.customerId);
      const record = await updateContactRecord(
        tx,
        id,
        { ...withoutUndefined(changes), ...serviceLevelFields(ctx.region, merged) },
        ctx.identity.login,
      );
      return { record: contactRecordView(record) };
    }),
  ),

  close: regionWriteProcedure.input(contactRecordIdInput).mutation(async ({ ctx, input }) =>
    writeAs(ctx, 'contactRecords.close', async (tx) => {
      const current = await existingRecord(tx, input.id, { forUpdate: true });
      if (current.status === 'closed') throw new AppError('PRECONDITION_FAILED', { messageKey: messageKeys.contactRecordClosed });
      const now = new Date();
      // Closing a help request completes it; a request completed was necessarily responded to by then.
      const serviceLevelClose: Partial<ContactRecordRow> = current.slaResponseDueAt
        ? { respondedAt: current.respondedAt ?? now, completedAt: current.completedAt ?? now }
        : {};
      const record = await updateContactRecord(
        tx,
        current.id,
        { status: 'closed', closedAt: now, closedBy: ctx.identity.login, ...serviceLevelClose },
        ctx.identity.login,
      );
      return { record: contactRecordView(record) };
    }),
  ),

  amend: regionWriteProcedure.input(contactRecordAmendInput).mutation(async ({ ctx, input }) =>
    writeAs(ctx, 'contactRecords.amend', async (tx) => {
      const { id, reason, ...corrections } = input;
      const original = await existingRecord(tx, id);
      if (original.status !== 'closed') {
        throw new AppError('PRECONDITION_FAILED', { messageKey: messageKeys.contactRecordNotClosed });
      }
      const merged = { ...original, ...withoutUndefined(corrections) };
      await checkJobCode(tx, merged.jobCode, original.customerId);
      const record = await insertContactRecord(tx, {
        customerId: original.customerId,
        jobCode: merged.jobCode,
        typeCode: merged.typeCode,
        channel: merged.channel,
        occurredAt: merged.occurredAt,
        place: merged.place,
        content: merged.content,
        outcome: merged.outcome,
        nextStep: merged.nextStep,
        nextStepDue: merged.nextStepDue,
        language: merged.language,
        serviceCategory: merged.serviceCategory,
        ...serviceLevelFields(ctx.region, merged),
        respondedAt: original.respondedAt,
        completedAt: original.completedAt,
        status: 'open',
        amendsId: original.id,
        amendReason: reason,
        createdBy: ctx.identity.login,
        updatedBy: ctx.identity.login,
      });
      return { record: contactRecordView(record) };
    }),
  ),
});
