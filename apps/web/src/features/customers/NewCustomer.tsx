import { customerCreateInput, fieldErrorsOf, lifecycleStages, segmentTaxonomy, segments, type CustomerCreateInput, type FieldErrors, type Segment } from '@meridian/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails, type ApiErrorData } from '../../api/clients.ts';
import { useMeridian, useRegionApi } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';
import { DuplicateWarning } from './DuplicateWarning.tsx';

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
  lei: '',
  website: '',
  annualRevenueGbp: '',
  lifecycleStage: 'prospect',
};

/**
 * A new customer, with the duplicate guard: likely matches are shown before anything is created. Staff
 * are asked for the strongest evidence while they have it at hand (website, a typed Latin name, a
 * registration number or LEI): identifiers link a customer to the same company in other offices before
 * names can, here and at HQ.
 */
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
    // What was corrected is no longer wrong; what the server says next replaces the old warning.
    setFieldErrors({});
    if (!allowDuplicate) setCandidates(undefined);
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
  const text = (key: keyof typeof emptyForm, options: { required?: boolean; type?: string; dir?: 'auto'; hint?: string; autoComplete?: string } = {}) => (
    <Field label={t(`field.${key}`)} required={options.required} errors={fieldErrors[key]} hint={options.hint}>
      {(control) => (
        <input {...control} type={options.type ?? 'text'} dir={options.dir} autoComplete={options.autoComplete} value={form[key]} onChange={(event) => set(key, event.target.value)} />
      )}
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
        {text('nameLatin', { dir: 'auto', hint: t('hint.nameLatin') })}
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
        <fieldset className="evidence">
          <legend>{t('evidence.title')}</legend>
          <p className="hint">{t('evidence.intro')}</p>
          <div className="row">
            {text('website', { type: 'url', hint: t('hint.website'), autoComplete: 'url' })}
            {text('registrationId', { hint: t('hint.registrationId') })}
            {text('lei', { hint: t('hint.lei'), autoComplete: 'off' })}
          </div>
        </fieldset>
        <div className="row">
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
        {candidates ? <DuplicateWarning candidates={candidates} saving={saving} onOpen={(id) => navigate({ name: 'customer', id })} onCreateAnyway={() => void create(true)} /> : null}
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
