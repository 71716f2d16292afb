import { useTranslation } from 'react-i18next';

const palette = ['#0b5cad', '#b3261e', '#1e6b35', '#8a5a00', '#6b3fa0', '#00737a'];

/** Lines over periods (one per series), drawn in SVG; mirrored for right-to-left readers, like the text. */
export function Trend(props: { caption: string; periods: string[]; series: Array<{ name: string; values: number[] }> }) {
  const { i18n } = useTranslation();
  const width = 640;
  const height = 220;
  const pad = 32;
  const max = Math.max(1, ...props.series.flatMap((series) => series.values));
  const x = (index: number) => pad + (index * (width - 2 * pad)) / Math.max(1, props.periods.length - 1);
  const y = (value: number) => height - pad - (value / max) * (height - 2 * pad);
  const rtl = ['ar', 'he', 'fa', 'ur'].includes(i18n.language.split('-')[0]!);
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (
    <figure className="trend">
      <figcaption>{props.caption}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.caption} style={rtl ? { transform: 'scaleX(-1)' } : undefined}>
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="currentColor" strokeOpacity="0.4" />
        {props.series.map((series, index) => (
          <polyline
            key={series.name}
            fill="none"
            stroke={palette[index % palette.length]}
            strokeWidth="2.5"
            points={series.values.map((value, position) => `${x(position)},${y(value)}`).join(' ')}
          />
        ))}
      </svg>
      <ul className="legend">
        {props.series.map((series, index) => (
          <li key={series.name}>
            <span className="legend__swatch" style={{ background: palette[index % palette.length] }} aria-hidden="true" />
            {series.name}: {series.values.reduce((sum, value) => sum + value, 0)}
          </li>
        ))}
      </ul>
      <p className="muted">
        {props.periods.length ? `${month.format(new Date(props.periods[0]!))} – ${month.format(new Date(props.periods.at(-1)!))}` : ''}
      </p>
    </figure>
  );
}
