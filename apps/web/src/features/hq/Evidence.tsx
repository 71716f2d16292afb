import { useTranslation } from 'react-i18next';

/** A reason code from the matcher ("same_website_domain"), or a structured one ({ kind, …parameters }). */
export type Reason = string | { kind?: string; [parameter: string]: unknown };
/** The matcher's details behind cross-script reasons: { kind: 'gloss' | 'sound' | 'acronym' | … , …parameters }. */
export type Explanation = { kind?: string; [parameter: string]: unknown };

const humanise = (kind: string) => kind.replace(/[_-]+/g, ' ').trim();

/** Parameters as i18next interpolates them: text as is, numbers as percentages where they are similarities. */
function parametersOf(entry: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'kind') continue;
    if (typeof value === 'number') out[name] = name === 'similarity' ? `${Math.round(value * 100)}%` : String(value);
    else if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'boolean') out[name] = value ? '✓' : '';
  }
  // A Chinese or an Arabic part, whichever the pair has: one placeholder for translators.
  out.source ??= out.zh ?? out.ar ?? '';
  return out;
}

/**
 * Why two customers may be one, in the steward's language. Each kind of reason has its own key with its
 * parameters; a kind this screen does not know yet (the matcher learns new signals) still shows, by name,
 * under a generic key, never as a blank or a raw code.
 */
export function Evidence({ reasons, explanation = [], label }: { reasons: Reason[]; explanation?: Explanation[]; label?: string }) {
  const { t, i18n } = useTranslation('hq');
  const lines: string[] = [];
  for (const reason of reasons) {
    const entry = typeof reason === 'string' ? { kind: reason } : reason;
    const kind = typeof entry.kind === 'string' ? entry.kind : 'unknown';
    lines.push(i18n.exists(`hq:review.reason.${kind}`) ? t(`review.reason.${kind}`, parametersOf(entry)) : t('review.reasonUnknown', { kind: humanise(kind) }));
  }
  for (const entry of explanation) {
    const kind = typeof entry.kind === 'string' ? entry.kind : 'unknown';
    const parameters = parametersOf(entry);
    lines.push(
      i18n.exists(`hq:review.explain.${kind}`)
        ? t(`review.explain.${kind}`, parameters)
        : t('review.explainUnknown', { kind: humanise(kind), detail: Object.values(parameters).filter(Boolean).join(' · ') }),
    );
  }
  if (lines.length === 0) return null;
  return (
    <ul className="evidence" aria-label={label ?? t('review.evidence')}>
      {[...new Set(lines)].map((line) => (
        <li key={line} dir="auto">
          {line}
        </li>
      ))}
    </ul>
  );
}
