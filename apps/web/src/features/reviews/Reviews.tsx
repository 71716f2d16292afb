import type { FieldErrors } from '@meridian/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../../api/clients.ts';
import { useHqApi, useMeridian } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';

/** Joint reviews I take part in, and opening a new one for a period and a set of regions. */
export default function Reviews() {
  const { t, i18n } = useTranslation('reviews');
  const api = useHqApi();
  const { me, navigate } = useMeridian();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['reviews.list'], queryFn: () => api.reviews.list.query() });
  const regions = useQuery({ queryKey: ['regions.list'], queryFn: () => api.regions.list.query() });
  const [form, setForm] = useState({ title: '', periodFrom: '', periodTo: '', leads: {} as Record<string, string> });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const open = useMutation({
    mutationFn: () =>
      api.reviews.open.mutate({
        title: form.title,
        periodFrom: form.periodFrom,
        periodTo: form.periodTo,
        regions: Object.entries(form.leads)
          .filter(([, lead]) => lead.trim())
          .map(([region, lead]) => ({ region, lead: lead.trim() })),
      }),
    onSuccess: (review) => {
      void queryClient.invalidateQueries({ queryKey: ['reviews.list'] });
      navigate({ name: 'jointReview', id: review.id });
    },
    onError: (error) => setFieldErrors(errorDetails(error).fieldErrors ?? { _form: [errorDetails(error).messageKey ?? 'errors.internal'] }),
  });
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">{t('title')}</h1>
      <StatusView loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()} empty={(list.data?.length ?? 0) === 0} emptyText={t('empty')}>
        <ul className="cards">
          {list.data?.map((review) => (
            <li key={review.id} className="card">
              <a href="#" dir="auto" onClick={(event) => { event.preventDefault(); navigate({ name: 'jointReview', id: review.id }); }}>
                {review.title}
              </a>{' '}
              <span className="muted">
                {formatDate(review.periodFrom, i18n.language)} – {formatDate(review.periodTo, i18n.language)}
              </span>{' '}
              <span className={`status-pill status-pill--${review.status === 'signed' ? 'closed' : 'open'}`}>{t(`status.${review.status}`)}</span>
            </li>
          ))}
        </ul>
      </StatusView>
      {me?.roles.includes('lead') || me?.roles.includes('hq') ? (
        <form
          className="panel"
          aria-labelledby="open-review-title"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setFieldErrors({});
            open.mutate();
          }}
        >
          <h2 id="open-review-title">{t('open.title')}</h2>
          <Field label={t('open.name')} required errors={fieldErrors.title}>
            {(control) => <input {...control} dir="auto" value={form.title} onChange={(event) => setForm({ ...form, title: event.target.value })} />}
          </Field>
          <div className="row">
            <Field label={t('open.from')} required errors={fieldErrors.periodFrom}>
              {(control) => <input {...control} type="date" value={form.periodFrom} onChange={(event) => setForm({ ...form, periodFrom: event.target.value })} />}
            </Field>
            <Field label={t('open.to')} required errors={fieldErrors.periodTo}>
              {(control) => <input {...control} type="date" value={form.periodTo} onChange={(event) => setForm({ ...form, periodTo: event.target.value })} />}
            </Field>
          </div>
          <p className="hint">{t('open.regionsHint')}</p>
          <div className="row">
            {regions.data?.map((region) => (
              <Field key={region.code} label={t('open.leadFor', { region: region.code.toUpperCase() })} errors={undefined}>
                {(control) => (
                  <input {...control} value={form.leads[region.code] ?? ''} onChange={(event) => setForm({ ...form, leads: { ...form.leads, [region.code]: event.target.value } })} />
                )}
              </Field>
            ))}
          </div>
          {fieldErrors.regions || fieldErrors._form ? (
            <p className="notice notice--error">{t((fieldErrors.regions ?? fieldErrors._form)![0]!.replace(/^errors\./, 'errors:'))}</p>
          ) : null}
          <button type="submit" className="primary" disabled={open.isPending}>
            {t('open.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
