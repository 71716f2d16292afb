import { contactRecordCreateInput, fieldErrorsOf, isServiceLevelTracked, type ContactRecordCreateInput, type FieldErrors } from '@meridian/domain';
import { fromLocalInputValue } from '../../ui/format.ts';
import type { RecordDraft } from './draftStore.ts';

/** The API input for a draft (times from the viewer's zone to UTC), or the field errors to show. */
export function recordInputOf(draft: RecordDraft): { input: ContactRecordCreateInput } | { fieldErrors: FieldErrors } {
  const helpRequest = draft.typeCode ? isServiceLevelTracked(draft.typeCode) : false;
  const candidate = {
    customerId: draft.customer?.id,
    typeCode: draft.typeCode || undefined,
    channel: draft.channel || undefined,
    occurredAt: fromLocalInputValue(draft.occurredAt) ?? (draft.occurredAt ? 'invalid' : undefined),
    place: draft.place,
    content: draft.content,
    outcome: draft.outcome,
    nextStep: draft.nextStep,
    nextStepDue: draft.nextStepDue ? fromLocalInputValue(`${draft.nextStepDue}T09:00`) : undefined,
    jobCode: draft.jobCode || undefined,
    serviceCategory: helpRequest ? draft.serviceCategory || undefined : undefined,
    priority: helpRequest ? draft.priority || undefined : undefined,
    clientReference: draft.clientReference,
  };
  // The same schema the server uses: what passes here passes there, and errors carry the same keys.
  const parsed = contactRecordCreateInput.safeParse(candidate);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  return { input: candidate as ContactRecordCreateInput };
}
