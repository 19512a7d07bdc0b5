import type { ShownCount } from '@/src/services/insights/totals'

/**
 * Charts drawn on the server as SVG: no script, no request to anyone else. A count the
 * threshold hides ("<5") is drawn as a small dashed mark of the same size whatever it hides
 * (it may be nought): never as a value, and never as tall as a real one.
 */

const INK = 'var(--theme-text, #222)'
const MUTED = 'var(--theme-elevation-500, #777)'

export type Series = { name: string; color: string }

const valueOf = (count: ShownCount) => (typeof count === 'number' ? count : 0)
const isBlurred = (count: ShownCount) => typeof count !== 'number'

/**
 * Rows of labelled bars, one or more series each (e.g. clicks and probable scanners per story).
 * HTML rather than SVG, so the labels stay readable at a phone's width.
 */
export function BarRows({
  title,
  rows,
  series,
}: {
  title: string
  rows: Array<{ label: string; values: ShownCount[] }>
  series: Series[]
}) {
  if (rows.length === 0) return <p style={{ color: MUTED }}>Nothing counted yet.</p>
  const max = Math.max(1, ...rows.flatMap((row) => row.values.map(valueOf)))
  return (
    <figure className="insight-chart" aria-label={title} style={{ margin: '0 0 1.5rem' }}>
      {rows.map((row, i) => (
        <div key={i} style={{ margin: '0 0 .6rem' }}>
          <div style={{ fontSize: 13, color: INK, overflowWrap: 'anywhere' }}>{row.label}</div>
          {row.values.map((count, s) => (
            <div key={s} style={{ display: 'flex', alignItems: 'center', gap: 6, margin: '2px 0' }}>
              <span
                aria-hidden="true"
                style={{
                  flex: 'none',
                  height: 12,
                  borderRadius: 3,
                  width: isBlurred(count) ? 16 : `${Math.max(0.5, (valueOf(count) / max) * 70)}%`,
                  background: isBlurred(count) ? 'none' : series[s].color,
                  border: isBlurred(count) ? `1px dashed ${series[s].color}` : 'none',
                }}
              />
              <span style={{ fontSize: 12, color: MUTED, whiteSpace: 'nowrap' }}>
                {isBlurred(count) ? `fewer than ${count.slice(1)}` : count} {series[s].name}
              </span>
            </div>
          ))}
        </div>
      ))}
      <figcaption style={{ fontSize: 12, color: MUTED }}>{title}</figcaption>
    </figure>
  )
}

/** One group of bars per day (e.g. sign-ups, confirmations, unsubscribes), oldest on the left. */
export function DailyBars({
  title,
  days,
  series,
}: {
  title: string
  days: Array<{ day: string; values: ShownCount[] }>
  series: Series[]
}) {
  const max = Math.max(1, ...days.flatMap((day) => day.values.map(valueOf)))
  const width = 600
  const height = 160
  const slot = width / days.length
  const bar = Math.max(1, (slot - 2) / series.length)
  return (
    <figure className="insight-chart" aria-label={title} style={{ margin: '0 0 1.5rem' }}>
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${height + 2}`}
        width="100%"
        style={{ maxWidth: 720, display: 'block' }}
      >
        <line x1="0" y1={height} x2={width} y2={height} stroke={MUTED} strokeWidth="1" />
        {days.map((day, d) =>
          day.values.map((count, s) => {
            const h = isBlurred(count) ? 4 : (valueOf(count) / max) * (height - 10)
            return (
              <rect
                key={`${d}-${s}`}
                x={d * slot + s * bar}
                y={height - h}
                width={Math.max(1, bar - 1)}
                height={h}
                fill={isBlurred(count) ? 'none' : series[s].color}
                stroke={isBlurred(count) && h > 0 ? series[s].color : 'none'}
                strokeDasharray="2 2"
              >
                <title>
                  {day.day}: {isBlurred(count) ? `fewer than ${count.slice(1)}` : count} {series[s].name}
                </title>
              </rect>
            )
          }),
        )}
      </svg>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: MUTED, maxWidth: 720 }}>
        <span>{days[0]?.day}</span>
        <span>{days.at(-1)?.day}</span>
      </div>
      <figcaption style={{ fontSize: 12, color: MUTED }}>
        {title}:{' '}
        {series.map((s) => (
          <span key={s.name} style={{ marginRight: '.75rem' }}>
            <span style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 4 }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
