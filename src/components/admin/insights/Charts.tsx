import type { ShownCount } from '@/src/services/insights/totals'

/**
 * Charts drawn on the server as SVG: no script, no request to anyone else. A count the
 * threshold hides ("<5") is drawn as a dashed outline up to the threshold, never as a value.
 */

const INK = 'var(--theme-text, #222)'
const MUTED = 'var(--theme-elevation-500, #777)'

export type Series = { name: string; color: string }

const valueOf = (count: ShownCount) => (typeof count === 'number' ? count : Number(count.slice(1)))
const isBlurred = (count: ShownCount) => typeof count !== 'number'

/** Rows of labelled bars, one or more series each (e.g. clicks and probable scanners per story). */
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
  const barHeight = 14
  const rowHeight = 22 + series.length * (barHeight + 4)
  const height = rows.length * rowHeight
  return (
    <figure style={{ margin: '0 0 1.5rem' }}>
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 600 ${height}`}
        width="100%"
        style={{ maxWidth: 720, display: 'block' }}
      >
        {rows.map((row, i) => (
          <g key={i} transform={`translate(0 ${i * rowHeight})`}>
            <text x="0" y="14" fontSize="13" fill={INK}>
              {row.label.length > 70 ? `${row.label.slice(0, 69)}…` : row.label}
            </text>
            {row.values.map((count, s) => {
              const width = Math.max(2, (valueOf(count) / max) * 480)
              const y = 20 + s * (barHeight + 4)
              return (
                <g key={s}>
                  <rect
                    x="0"
                    y={y}
                    width={width}
                    height={barHeight}
                    rx="3"
                    fill={isBlurred(count) ? 'none' : series[s].color}
                    stroke={isBlurred(count) ? series[s].color : 'none'}
                    strokeDasharray={isBlurred(count) ? '4 3' : undefined}
                  />
                  <text x={width + 6} y={y + 11} fontSize="12" fill={MUTED}>
                    {isBlurred(count) ? `fewer than ${count.slice(1)}` : count} {series[s].name}
                  </text>
                </g>
              )
            })}
          </g>
        ))}
      </svg>
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
    <figure style={{ margin: '0 0 1.5rem' }}>
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${height + 20}`}
        width="100%"
        style={{ maxWidth: 720, display: 'block' }}
      >
        <line x1="0" y1={height} x2={width} y2={height} stroke={MUTED} strokeWidth="1" />
        {days.map((day, d) =>
          day.values.map((count, s) => {
            const h = (valueOf(count) / max) * (height - 10)
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
        <text x="0" y={height + 16} fontSize="12" fill={MUTED}>
          {days[0]?.day}
        </text>
        <text x={width} y={height + 16} fontSize="12" fill={MUTED} textAnchor="end">
          {days.at(-1)?.day}
        </text>
      </svg>
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
