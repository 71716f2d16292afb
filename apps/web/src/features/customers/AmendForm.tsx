import type { FieldErrors } from '@meridian/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../../api/clients.ts';
import { useRegionApi } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';
import type { RecordSummary } from '../openItems/RecordRow.tsx';

/** A closed record is never edited: a correction is a new record, linked to it, with a reason. */
export function AmendForm({ record, onDone }: { record: RecordSummary; onDone(): void }) {
  const { t } = useTranslation('records');
  const api = useRegionApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ reason: '', place: record.place, content: record.content, outcome: record.outcome, nextStep: record.nextStep });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const amend = useMutation({
    mutationFn: () => {
      const changed = Object.fromEntries(
        (['place', 'content', 'outcome', 'nextStep'] as const).filter((key) => values[key] !== record[key]).map((key) => [key, values[key]]),
      );
      return api.contactRecords.amend.mutate({ id: record.id, reason: values.reason, ...changed });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['contactRecords.list'] });
      onDone();
    },
    onError: (error) => setFieldErrors(errorDetails(error).fieldErrors ?? {}),
  });
  return (
    <form
      className="panel"
      aria-label={t('amendTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        amend.mutate();
      }}
    >
      <h3>{t('amendTitle')}</h3>
      <Field label={t('amendReason')} required errors={fieldErrors.reason}>
        {(control) => <input {...control} dir="auto" autoFocus value={values.reason} onChange={(event) => setValues({ ...values, reason: event.target.value })} />}
      </Field>
      {(['place', 'content', 'outcome', 'nextStep'] as const).map((key) => (
        <Field key={key} label={t(`field.${key}`)} errors={fieldErrors[key]}>
          {(control) => <textarea {...control} dir="auto" rows={key === 'content' ? 3 : 1} value={values[key]} onChange={(event) => setValues({ ...values, [key]: event.target.value })} />}
        </Field>
      ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={amend.isPending}>
          {t('amendSave')}
        </button>
        <button type="button" onClick={onDone}>
          {t('app:action.cancel')}
        </button>
      </div>
      {amend.error && !errorDetails(amend.error).fieldErrors ? <p className="notice notice--error">{t('errors:internal')}</p> : null}
    </form>
  );
}
