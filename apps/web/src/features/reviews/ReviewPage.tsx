import type { FieldErrors } from '@meridian/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../../api/clients.ts';
import { useHqApi, useMeridian } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';
import { AgendaItem } from './AgendaItem.tsx';

/** A joint review: drafted agenda, findings per region, owned actions, sign-off by each lead, export. */
export default function ReviewPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('reviews');
  const api = useHqApi();
  const { me } = useMeridian();
  const queryClient = useQueryClient();
  const review = useQuery({ queryKey: ['reviews.get', id], queryFn: () => api.reviews.get.query({ id }) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['reviews.get', id] });
  const [finding, setFinding] = useState({ region: '', text: '' });
  const [action, setAction] = useState({ region: '', title: '', owner: '', due: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const onError = (error: unknown) => setFieldErrors(errorDetails(error).fieldErrors ?? { _form: [errorDetails(error).messageKey ?? 'errors.internal'] });
  const addFinding = useMutation({
    mutationFn: () => api.reviews.addFinding.mutate({ reviewId: id, region: finding.region, text: finding.text }),
    onSuccess: () => {
      setFinding({ ...finding, text: '' });
      setFieldErrors({});
      void refresh();
    },
    onError,
  });
  const addAction = useMutation({
    mutationFn: () => api.reviews.addAction.mutate({ reviewId: id, ...action }),
    onSuccess: () => {
      setAction({ ...action, title: '', owner: '', due: '' });
      setFieldErrors({});
      void refresh();
    },
    onError,
  });
  const setStatus = useMutation({ mutationFn: (input: { actionId: number; status: 'open' | 'done' | 'cancelled' }) => api.reviews.setActionStatus.mutate(input), onSuccess: refresh, onError });
  const signOff = useMutation({ mutationFn: (region: string) => api.reviews.signOff.mutate({ reviewId: id, region }), onSuccess: refresh, onError });

  async function downloadCsv() {
    const { filename, csv } = await api.reviews.exportCsv.query({ id });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    link.download = filename;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  const data = review.data;
  const regionChoices = data?.regions.map((entry) => entry.region) ?? [];
  const editable = data?.status === 'open';
  return (
    <StatusView loading={review.isLoading} error={review.error} onRetry={() => void review.refetch()}>
      {data ? (
        <article className="review-page" aria-labelledby="review-title">
          <h1 id="review-title" dir="auto">
            {data.title}
          </h1>
          <p className="muted">
            {formatDate(data.periodFrom, i18n.language)} – {formatDate(data.periodTo, i18n.language)} · {t(`status.${data.status}`)}
            {data.signedAt ? ` · ${formatDateTime(String(data.signedAt), i18n.language)}` : ''}
          </p>
          <div className="actions no-print">
            <button type="button" onClick={() => void downloadCsv()}>
              {t('exportCsv')}
            </button>
            <button type="button" onClick={() => print()}>
              {t('print')}
            </button>
          </div>
          {fieldErrors._form ? <p className="notice notice--error">{t(fieldErrors._form[0]!.replace(/^errors\./, 'errors:'))}</p> : null}

          <h2>{t('agenda')}</h2>
          <StatusView empty={data.agenda.length === 0} emptyText={t('agendaEmpty')}>
            {data.agenda.map((item) => (
              <AgendaItem key={item.id} item={item} />
            ))}
          </StatusView>

          <h2>{t('findings')}</h2>
          {data.findings.length === 0 ? <p className="muted">{t('noFindings')}</p> : null}
          <ul className="cards">
            {data.findings.map((entry) => (
              <li key={entry.id} className="card">
                <span className="badge">{entry.region.toUpperCase()}</span> <span className="muted">{entry.author}</span>
                <p dir="auto">{entry.text}</p>
              </li>
            ))}
          </ul>
          {editable ? (
            <form className="panel no-print" onSubmit={(event) => { event.preventDefault(); addFinding.mutate(); }} aria-label={t('addFinding')}>
              <div className="row">
                <Field label={t('region')} required errors={fieldErrors.region}>
                  {(control) => (
                    <select {...control} value={finding.region} onChange={(event) => setFinding({ ...finding, region: event.target.value })}>
                      <option value="">{t('records:choose')}</option>
                      {regionChoices.map((code) => <option key={code} value={code}>{code.toUpperCase()}</option>)}
                    </select>
                  )}
                </Field>
                <Field label={t('finding')} required errors={fieldErrors.text}>
                  {(control) => <textarea {...control} dir="auto" rows={2} value={finding.text} onChange={(event) => setFinding({ ...finding, text: event.target.value })} />}
                </Field>
              </div>
              <button type="submit" disabled={addFinding.isPending}>{t('addFinding')}</button>
            </form>
          ) : null}

          <h2>{t('actions')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('owner')}</th>
                <th scope="col">{t('region')}</th>
                <th scope="col">{t('due')}</th>
                <th scope="col">{t('actionStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.actions.map((entry) => (
                <tr key={entry.id}>
                  <td dir="auto">{entry.title}</td>
                  <td>{entry.owner}</td>
                  <td>{entry.region.toUpperCase()}</td>
                  <td>{formatDate(entry.due, i18n.language)}</td>
                  <td>
                    <select aria-label={t('actionStatus')} value={entry.status} onChange={(event) => setStatus.mutate({ actionId: entry.id, status: event.target.value as 'open' | 'done' | 'cancelled' })}>
                      {(['open', 'done', 'cancelled'] as const).map((status) => <option key={status} value={status}>{t(`actionState.${status}`)}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {editable ? (
            <form className="panel no-print" onSubmit={(event) => { event.preventDefault(); addAction.mutate(); }} aria-label={t('addAction')}>
              <div className="row">
                <Field label={t('action')} required errors={fieldErrors.title}>
                  {(control) => <input {...control} dir="auto" value={action.title} onChange={(event) => setAction({ ...action, title: event.target.value })} />}
                </Field>
                <Field label={t('owner')} required errors={fieldErrors.owner}>
                  {(control) => <input {...control} value={action.owner} onChange={(event) => setAction({ ...action, owner: event.target.value })} />}
                </Field>
                <Field label={t('region')} required errors={fieldErrors.region}>
                  {(control) => (
                    <select {...control} value={action.region} onChange={(event) => setAction({ ...action, region: event.target.value })}>
                      <option value="">{t('records:choose')}</option>
                      {regionChoices.map((code) => <option key={code} value={code}>{code.toUpperCase()}</option>)}
                    </select>
                  )}
                </Field>
                <Field label={t('due')} required errors={fieldErrors.due}>
                  {(control) => <input {...control} type="date" value={action.due} onChange={(event) => setAction({ ...action, due: event.target.value })} />}
                </Field>
              </div>
              <button type="submit" disabled={addAction.isPending}>{t('addAction')}</button>
            </form>
          ) : null}

          <h2>{t('signOff')}</h2>
          <ul>
            {data.regions.map((entry) => (
              <li key={entry.region}>
                {entry.region.toUpperCase()} · {entry.lead} ·{' '}
                {entry.signedAt ? (
                  t('signedOn', { when: formatDateTime(String(entry.signedAt), i18n.language) })
                ) : entry.lead === me?.login && me.roles.includes('lead') && me.homeRegions.includes(entry.region) ? (
                  <button type="button" className="primary no-print" onClick={() => signOff.mutate(entry.region)} disabled={signOff.isPending}>
                    {t('signFor', { region: entry.region.toUpperCase() })}
                  </button>
                ) : (
                  t('notSigned')
                )}
              </li>
            ))}
          </ul>
        </article>
      ) : null}
    </StatusView>
  );
}
