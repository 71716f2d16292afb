import { customerCreateInput, fieldErrorsOf, lifecycleStages, segmentTaxonomy, segments, type CustomerCreateInput, type FieldErrors, type Segment } from '@meridian/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails, type ApiErrorData } from '../../api/clients.ts';
import { useMeridian, useRegionApi } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';

const emptyForm = {
  name: '',
  nameLatin: '',
  segment: '',
  subSegment: '',
  city: '',
  accountManager: '',
  phone: '',
  email: '',
  registrationId: '',
  website: '',
  annualRevenueGbp: '',
  lifecycleStage: 'prospect',
};

/** A new customer, with the duplicate guard: likely matches are shown before anything is created. */
export default function NewCustomer() {
  const { t } = useTranslation('customers');
  const api = useRegionApi();
  const { me, navigate } = useMeridian();
  const [form, setForm] = useState({ ...emptyForm, accountManager: me?.login ?? '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [candidates, setCandidates] = useState<ApiErrorData['candidates']>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof emptyForm, value: string) => setForm((current) => ({ ...current, [key]: value, ...(key === 'segment' ? { subSegment: '' } : {}) }));

  async function create(allowDuplicate: boolean) {
    const input: Record<string, unknown> = { allowDuplicate };
    for (const [key, value] of Object.entries(form)) if (value.trim() !== '') input[key] = key === 'annualRevenueGbp' ? Number(value) : value;
    const parsed = customerCreateInput.safeParse(input);
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setSaving(true);
    try {
      const { customer } = await api.customers.create.mutate(input as CustomerCreateInput);
      navigate({ name: 'customer', id: customer.id });
    } catch (error) {
      const details = errorDetails(error);
      if (details.code === 'CONFLICT' && details.candidates) setCandidates(details.candidates);
      else setFieldErrors(details.fieldErrors ?? { _form: [details.network ? 'errors.internal' : (details.messageKey ?? 'errors.internal')] });
    } finally {
      setSaving(false);
    }
  }

  const subSegments = form.segment ? segmentTaxonomy[form.segment as Segment] : [];
  const text = (key: keyof typeof emptyForm, options: { required?: boolean; type?: string; dir?: 'auto' } = {}) => (
    <Field label={t(`field.${key}`)} required={options.required} errors={fieldErrors[key]}>
      {(control) => <input {...control} type={options.type ?? 'text'} dir={options.dir} value={form[key]} onChange={(event) => set(key, event.target.value)} />}
    </Field>
  );
  return (
    <section aria-labelledby="new-customer-title">
      <h1 id="new-customer-title">{t('newTitle')}</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void create(false);
        }}
      >
        {text('name', { required: true, dir: 'auto' })}
        {text('nameLatin', { dir: 'auto' })}
        <div className="row">
          <Field label={t('field.segment')} required errors={fieldErrors.segment}>
            {(control) => (
              <select {...control} value={form.segment} onChange={(event) => set('segment', event.target.value)}>
                <option value="">{t('records:choose')}</option>
                {segments.map((code) => (
                  <option key={code} value={code}>
                    {t(`taxonomy:segment.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('field.subSegment')} required errors={fieldErrors.subSegment}>
            {(control) => (
              <select {...control} value={form.subSegment} onChange={(event) => set('subSegment', event.target.value)} disabled={!form.segment}>
                <option value="">{t('records:choose')}</option>
                {subSegments.map((code) => (
                  <option key={code} value={code}>
                    {t(`taxonomy:subSegment.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          {text('city', { required: true, dir: 'auto' })}
          {text('accountManager', { required: true })}
        </div>
        <div className="row">
          {text('phone', { type: 'tel' })}
          {text('email', { type: 'email' })}
        </div>
        <p className="hint">{t('phoneOrEmail')}</p>
        <div className="row">
          {text('registrationId')}
          {text('website')}
          {text('annualRevenueGbp', { type: 'number' })}
          <Field label={t('field.lifecycleStage')} errors={fieldErrors.lifecycleStage}>
            {(control) => (
              <select {...control} value={form.lifecycleStage} onChange={(event) => set('lifecycleStage', event.target.value)}>
                {lifecycleStages.map((stage) => (
                  <option key={stage} value={stage}>
                    {t(`taxonomy:lifecycleStage.${stage}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {candidates ? (
          <div className="panel panel--warning" role="alert">
            <h2>{t('duplicateTitle')}</h2>
            <p>{t('errors:duplicate_customer')}</p>
            <ul>
              {candidates.map((candidate) => (
                <li key={candidate.id}>
                  <a href="#" dir="auto" onClick={(event) => { event.preventDefault(); navigate({ name: 'customer', id: candidate.id }); }}>
                    {candidate.code} · {candidate.name}
                  </a>{' '}
                  <span className="muted">
                    {candidate.city} · {candidate.accountManager} · {candidate.reasons.map((reason) => t(`reason.${reason}`)).join(', ')}
                  </span>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => void create(true)} disabled={saving}>
              {t('createAnyway')}
            </button>
          </div>
        ) : null}
        {fieldErrors._form ? <p className="notice notice--error">{t(fieldErrors._form[0]!.replace(/^errors\./, 'errors:'))}</p> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {t('create')}
          </button>
        </div>
      </form>
    </section>
  );
}
