import { z } from 'zod';
import { contactTypeCodes, isServiceLevelTracked } from '../contactTypes.ts';
import { messageKeys } from '../messageKeys.ts';
import { channels, contactRecordStatuses, priorities, serviceCategories } from '../taxonomy.ts';
import { boundedText, entityId, isoDateTime, languageTag, optionalText, pageInput, requiredText } from './fields.ts';
import { jobCode } from './project.ts';

const contactRecordFields = {
  customerId: entityId,
  typeCode: z.enum(contactTypeCodes as [string, ...string[]]),
  channel: z.enum(channels),
  occurredAt: isoDateTime,
  place: requiredText(200),
  content: requiredText(20_000),
  outcome: requiredText(5_000),
  nextStep: requiredText(2_000),
  nextStepDue: isoDateTime.optional(),
  jobCode: jobCode.optional(),
  language: languageTag.optional(),
  serviceCategory: z.enum(serviceCategories).optional(),
  priority: z.enum(priorities).optional(),
};

interface RecordShape {
  typeCode?: string;
  serviceCategory?: string;
  occurredAt?: Date;
  nextStepDue?: Date;
}

function checkRecord(value: RecordShape, ctx: z.RefinementCtx) {
  if (value.typeCode && isServiceLevelTracked(value.typeCode) && !value.serviceCategory) {
    ctx.addIssue({ code: 'custom', path: ['serviceCategory'], message: messageKeys.serviceCategoryRequired });
  }
  if (value.occurredAt && value.nextStepDue && value.nextStepDue < value.occurredAt) {
    ctx.addIssue({ code: 'custom', path: ['nextStepDue'], message: messageKeys.dueBeforeOccurred });
  }
}

export const contactRecordCreateInput = z
  .strictObject({
    ...contactRecordFields,
    /** Idempotency key chosen by the client (e.g. a UUID per draft): re-sending it never duplicates. */
    clientReference: boundedText(64).min(8).optional(),
  })
  .superRefine(checkRecord);

const { customerId: _customerId, ...editableFields } = contactRecordFields;
const editableOptional = Object.fromEntries(
  Object.entries(editableFields).map(([key, schema]) => [key, schema.optional()]),
) as { [K in keyof typeof editableFields]: z.ZodOptional<(typeof editableFields)[K]> };

export const contactRecordUpdateInput = z
  .strictObject({
    id: entityId,
    ...editableOptional,
    respondedAt: isoDateTime.optional(),
    completedAt: isoDateTime.optional(),
  })
  .superRefine(checkRecord);

/** A correction to a closed record: a new record, linked to it, with the reason and the corrected fields. */
export const contactRecordAmendInput = z
  .strictObject({ id: entityId, reason: requiredText(500), ...editableOptional })
  .superRefine(checkRecord);

export const contactRecordIdInput = z.strictObject({ id: entityId });

export const contactRecordListInput = z.strictObject({
  customerId: entityId.optional(),
  jobCode: jobCode.optional(),
  typeCode: boundedText(80).optional(),
  status: z.enum(contactRecordStatuses).optional(),
  /** Only records this login created ("my open items"). */
  createdBy: boundedText(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  ...pageInput,
});

export type ContactRecordCreateInput = z.input<typeof contactRecordCreateInput>;
export type ContactRecordUpdateInput = z.input<typeof contactRecordUpdateInput>;
