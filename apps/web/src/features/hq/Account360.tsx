import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useHqApi } from '../../shell/context.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';
import { Evidence, type Explanation } from './Evidence.tsx';

/** One multinational account: names in every script, members per region, a country/city matrix, recent records. */
export default function Account360({ globalCode }: { globalCode: string }) {
  const { t, i18n } = useTranslation('hq');
  const api = useHqApi();
  const account = useQuery({ queryKey: ['accounts.get', globalCode], queryFn: () => api.accounts.get.query({ globalCode }), refetchInterval: 5_000 });
  const evidence = useQuery({ queryKey: ['reconcile.evidence', globalCode], queryFn: () => api.reconcile.evidence.query({ globalCode }), refetchInterval: 5_000 });
  const whyOf = new Map((evidence.data ?? []).map((entry) => [entry.key, entry]));
  const regionName = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const data = account.data;
  // Country → city → projects, the "where do we serve them" matrix.
  const matrix = new Map<string, Map<string, NonNullable<typeof data>['projects']>>();
  for (const project of data?.projects ?? []) {
    const cities = matrix.get(project.country) ?? new Map();
    cities.set(project.city, [...(cities.get(project.city) ?? []), project]);
    matrix.set(project.country, cities);
  }
  return (
    <StatusView loading={account.isLoading} error={account.error} onRetry={() => void account.refetch()}>
      {data ? (
        <section aria-labelledby="account-title" className="account">
          <h1 id="account-title" dir="auto">
            {data.name} <span className="muted">{data.globalCode}</span>
          </h1>
          {data.redirectedFrom ? <p className="notice">{t('account.redirected', { from: data.redirectedFrom })}</p> : null}
          <p>
            {t('account.servedIn', { count: data.countries.length, countries: data.countries.map((code) => regionName.of(code)).join(', ') })} ·{' '}
            {formatMoney(data.revenueGbp, 'GBP', i18n.language)}
          </p>
          <h2>{t('account.names')}</h2>
          <ul className="names">
            {data.names.map((name) => (
              <li key={`${name.region}-${name.name}`} lang={name.script === 'Hani' ? 'zh' : name.script === 'Arab' ? 'ar' : undefined} dir="auto">
                {name.name} <span className="muted">({name.region.toUpperCase()}{name.typed ? '' : `, ${t('account.generated')}`})</span>
              </li>
            ))}
          </ul>
          <h2>{t('account.members')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('account.region')}</th>
                <th scope="col">{t('account.localCode')}</th>
                <th scope="col">{t('account.name')}</th>
                <th scope="col">{t('account.manager')}</th>
                <th scope="col">{t('account.link')}</th>
                <th scope="col">{t('account.why')}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((member) => (
                <tr key={`${member.region}-${member.customerId}`}>
                  <td>{member.region.toUpperCase()}</td>
                  <td>{member.code}</td>
                  <td dir="auto">{member.name}</td>
                  <td>{member.accountManager}</td>
                  <td>{t(`account.method.${member.linkMethod}`)}</td>
                  <td>
                    <Evidence
                      reasons={whyOf.get(`${member.region}:${member.customerId}`)?.reasons ?? []}
                      explanation={(whyOf.get(`${member.region}:${member.customerId}`)?.explanation ?? []) as Explanation[]}
                      label={t('account.why')}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('account.matrix')}</h2>
          <StatusView empty={matrix.size === 0} emptyText={t('account.noProjects')}>
            <table className="table matrix">
              <thead>
                <tr>
                  <th scope="col">{t('account.country')}</th>
                  <th scope="col">{t('account.city')}</th>
                  <th scope="col">{t('account.projects')}</th>
                </tr>
              </thead>
              <tbody>
                {[...matrix.entries()].flatMap(([country, cities]) =>
                  [...cities.entries()].map(([city, projects], index) => (
                    <tr key={`${country}-${city}`}>
                      {index === 0 ? <th scope="rowgroup" rowSpan={cities.size}>{regionName.of(country)}</th> : null}
                      <td dir="auto">{city}</td>
                      <td>
                        {projects.map((project) => (
                          <div key={`${project.region}-${project.jobCode}`}>
                            {project.jobCode} · {t(`taxonomy:serviceCategory.${project.serviceCategory}`)} · {t('account.ledFrom', { region: project.region.toUpperCase() })}
                            {project.site ? <span dir="auto"> · {project.site}</span> : null}
                          </div>
                        ))}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </StatusView>
          <h2>{t('account.serviceLevel')}</h2>
          <p>{t('account.serviceLevelSummary', data.serviceLevel)}</p>
          <h2>{t('account.openComplaints', { count: data.openComplaints.length })}</h2>
          <h2>{t('account.recent')}</h2>
          <StatusView empty={data.recentRecords.length === 0} emptyText={t('account.noRecords')}>
            <ul className="cards">
              {data.recentRecords.map((record) => (
                <li key={`${record.region}-${record.id}`} className="card">
                  <div className="card__head">
                    <span className="badge">{t(`contactTypes:${record.typeCode}`)}</span>
                    <span>{record.region.toUpperCase()}</span>
                    <time dateTime={String(record.occurredAt)}>{formatDateTime(String(record.occurredAt), i18n.language)}</time>
                    <span className={`status-pill status-pill--${record.status}`}>{t(`taxonomy:contactRecordStatus.${record.status}`)}</span>
                  </div>
                  {record.content ? <p dir="auto">{record.content}</p> : <p className="muted">{t('account.withheld')}</p>}
                </li>
              ))}
            </ul>
          </StatusView>
          <h2>{t('account.freshness')}</h2>
          <ul>
            {data.freshness.map((region) => (
              <li key={region.region}>
                {region.region.toUpperCase()}: {region.lastError ? t('account.regionError') : region.caughtUp ? t('account.upToDate', { seconds: region.lagSeconds ?? 0 }) : t('account.catchingUp')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </StatusView>
  );
}
