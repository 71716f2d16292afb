import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMeridian } from '../../shell/context.tsx';
import { formatRelative } from '../../ui/format.ts';

/** Action items from joint reviews that I own: they are my open items too. */
export function ReviewActions() {
  const { t, i18n } = useTranslation('reviews');
  const { hqApi } = useMeridian();
  const queryClient = useQueryClient();
  const mine = useQuery({ queryKey: ['reviews.myActions'], enabled: Boolean(hqApi), queryFn: () => hqApi!.reviews.myActions.query() });
  const done = useMutation({
    mutationFn: (actionId: number) => hqApi!.reviews.setActionStatus.mutate({ actionId, status: 'done' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reviews.myActions'] }),
  });
  const open = (mine.data ?? []).filter((entry) => entry.action.status === 'open');
  if (!hqApi || open.length === 0) return null;
  const now = Date.now();
  return (
    <>
      <h2>{t('myActions')}</h2>
      <ul className="cards">
        {open.map(({ action, reviewTitle }) => {
          const overdue = new Date(`${action.due}T23:59:59`).getTime() < now;
          return (
            <li key={action.id} className={overdue ? 'card card--alert' : 'card'}>
              <p dir="auto">{action.title}</p>
              <p className="muted">
                <span dir="auto">{reviewTitle}</span> · <span className={overdue ? 'due due--overdue' : 'due'}>{t('dueWhen', { when: formatRelative(`${action.due}T23:59:59`, i18n.language, now) })}</span>
              </p>
              <button type="button" onClick={() => done.mutate(action.id)} disabled={done.isPending}>
                {t('markDone')}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
