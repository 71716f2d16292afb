import { useTranslation } from 'react-i18next';

type Row = Record<string, string | number | string[]>;

// jsonb keeps keys in its own order (shortest first): show columns in reading order instead.
const columnOrder = ['region', 'globalCode', 'name', 'typeCode', 'serviceCategory', 'complaints', 'open', 'openComplaints', 'overdueNextSteps', 'breached', 'total', 'servedIn', 'notServedIn'];

/** One drafted agenda item, as the figures frozen when the review opened; headings in the user's language. */
export function AgendaItem({ item }: { item: { id: number; position: number; kind: string; detail?: unknown } }) {
  const { t, i18n } = useTranslation('reviews');
  const rows = ((item.detail as { rows?: Row[] }).rows ?? []) as Row[];
  const country = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const present = Object.keys(rows[0] ?? {});
  const columns = [...columnOrder.filter((key) => present.includes(key)), ...present.filter((key) => !columnOrder.includes(key))];
  const cell = (key: string, value: Row[string]) => {
    if (Array.isArray(value)) return value.map((code) => country.of(code)).join(', ');
    if (key === 'typeCode') return t(`contactTypes:${value}`);
    if (key === 'serviceCategory') return t(`taxonomy:serviceCategory.${value}`);
    if (key === 'region') return String(value).toUpperCase();
    return typeof value === 'number' ? new Intl.NumberFormat(i18n.language).format(value) : value;
  };
  return (
    <section className="panel" aria-labelledby={`agenda-${item.id}`}>
      <h3 id={`agenda-${item.id}`}>
        {item.position}. {t(`kind.${item.kind}`)}
      </h3>
      <table className="table">
        <thead>
          <tr>
            {columns.map((key) => (
              <th key={key} scope="col">
                {t(`column.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {columns.map((key) => (
                <td key={key} dir="auto">
                  {cell(key, row[key]!)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
