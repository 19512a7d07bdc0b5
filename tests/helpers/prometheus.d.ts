declare module 'parse-prometheus-text-format' {
  export type PrometheusMetric = { value: string; labels?: Record<string, string> }
  export type PrometheusFamily = { name: string; help: string; type: string; metrics: PrometheusMetric[] }
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[]
}
