import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../api/clients.ts';

type Candidate = NonNullable<ApiErrorData['candidates']>[number];

/**
 * The customers the duplicate guard found, each with the matcher's reasons in the user's language. The
 * reasons are the ones HQ's steward sees (hq:review.reason), so a kind the matcher learns later is
 * translated there once; one this screen cannot name yet still shows, as a generic reason.
 */
export function DuplicateWarning(props: { candidates: Candidate[]; saving: boolean; onOpen: (id: string) => void; onCreateAnyway: () => void }) {
  const { t } = useTranslation('customers');
  const reasonText = (reason: string) =>
    t(`hq:review.reason.${reason}`, { defaultValue: t(`reason.${reason}`, { defaultValue: t('reasonOther') }) });
  return (
    <div className="panel panel--warning" role="alert">
      <h2>{t('duplicateTitle')}</h2>
      <p>{t('errors:duplicate_customer')}</p>
      <ul>
        {props.candidates.map((candidate) => (
          <li key={candidate.id}>
            <a
              href="#"
              dir="auto"
              onClick={(event) => {
                event.preventDefault();
                props.onOpen(candidate.id);
              }}
            >
              {candidate.code} · {candidate.name}
            </a>
            {candidate.nameLatin ? (
              <span dir="auto" className="muted">
                {' '}
                ({candidate.nameLatin})
              </span>
            ) : null}{' '}
            <span className="muted">
              {candidate.city} · {candidate.accountManager}
            </span>
            <ul className="reasons">
              {[...new Set(candidate.reasons.map(reasonText))].map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <button type="button" onClick={props.onCreateAnyway} disabled={props.saving}>
        {t('createAnyway')}
      </button>
    </div>
  );
}
