import type { FieldErrors } from '@meridian/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../../api/clients.ts';
import { useHqApi } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';

const emptyNode = { code: '', name: '', baseUrl: '', country: '', locales: '', timezone: '', currency: '' };

/** Registers a country node at HQ (the same as `npm run region:add`); shows the public key to install there. */
export function AddNode({ onAdded }: { onAdded(): void }) {
  const { t } = useTranslation('admin');
  const api = useHqApi();
  const [form, setForm] = useState(emptyNode);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const register = useMutation({
    mutationFn: () =>
      api.regions.register.mutate({
        code: form.code.trim().toLowerCase(),
        name: form.name,
        baseUrl: form.baseUrl,
        country: form.country || undefined,
        locales: form.locales.split(',').map((locale) => locale.trim()).filter(Boolean),
        timezone: form.timezone,
        currency: form.currency.toUpperCase(),
      }),
    onSuccess: () => {
      setFieldErrors({});
      onAdded();
    },
    onError: (error) => setFieldErrors(errorDetails(error).fieldErrors ?? {}),
  });
  return (
    <form
      className="panel"
      aria-labelledby="add-node-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        register.mutate();
      }}
    >
      <h2 id="add-node-title">{t('add.title')}</h2>
      <p className="hint">{t('add.hint')}</p>
      <div className="row">
        {(Object.keys(emptyNode) as Array<keyof typeof emptyNode>).map((key) => (
          <Field key={key} label={t(`add.${key}`)} required={key !== 'country'} errors={fieldErrors[key] ?? (key === 'locales' ? fieldErrors['locales.0'] : undefined)}>
            {(control) => <input {...control} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} />}
          </Field>
        ))}
      </div>
      <button type="submit" className="primary" disabled={register.isPending}>
        {t('add.submit')}
      </button>
      {register.data ? (
        <div className="notice notice--ok" role="status">
          <p>{t('add.done', { code: register.data.code })}</p>
          <pre className="keys">{JSON.stringify(register.data.federationKeys, null, 2)}</pre>
        </div>
      ) : null}
    </form>
  );
}
