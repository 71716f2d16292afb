/**
 * Horizontal bars in plain HTML: they follow the text direction by themselves (bars grow from the right
 * in Arabic), scale with the font, and screen readers read the numbers as a table.
 */
export function Bars(props: { caption: string; rows: Array<{ label: string; value: number; display: string; alert?: boolean }>; max?: number }) {
  const max = props.max ?? Math.max(1, ...props.rows.map((row) => row.value));
  return (
    <table className="bars">
      <caption>{props.caption}</caption>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.label}>
            <th scope="row" dir="auto">
              {row.label}
            </th>
            <td>
              <span className={row.alert ? 'bar bar--alert' : 'bar'} style={{ inlineSize: `${Math.max(0.5, (row.value / max) * 100)}%` }} aria-hidden="true" />
              <span className="bar__value">{row.display}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
