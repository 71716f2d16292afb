import type { FieldErrors } from '@meridian/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../../api/clients.ts';
import { useRegionApi } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';

/** Leads hand a customer to another account manager; the reason is kept in the history for ever. */
export function ReassignForm({ customerId, current }: { customerId: string; current: string }) {
  const { t } = useTranslation('lead');
  const api = useRegionApi();
  const queryClient = useQueryClient();
  const [accountManager, setAccountManager] = useState('');
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const reassign = useMutation({
    mutationFn: () => api.customers.reassign.mutate({ id: customerId, accountManager, reason }),
    onSuccess: () => {
      setAccountManager('');
      setReason('');
      setFieldErrors({});
      void queryClient.invalidateQueries({ queryKey: ['customers.get', customerId] });
    },
    onError: (error) => setFieldErrors(errorDetails(error).fieldErrors ?? {}),
  });
  return (
    <form
      className="panel"
      aria-label={t('reassignTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        reassign.mutate();
      }}
    >
      <h2>{t('reassignTitle')}</h2>
      <p className="muted">{t('currentManager', { login: current })}</p>
      <div className="row">
        <Field label={t('newManager')} required errors={fieldErrors.accountManager}>
          {(control) => <input {...control} value={accountManager} onChange={(event) => setAccountManager(event.target.value)} />}
        </Field>
        <Field label={t('reason')} required errors={fieldErrors.reason}>
          {(control) => <input {...control} dir="auto" value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
      </div>
      <button type="submit" disabled={reassign.isPending}>
        {t('reassign')}
      </button>
      {reassign.isSuccess ? <p className="notice notice--ok" role="status">{t('reassigned')}</p> : null}
    </form>
  );
}
