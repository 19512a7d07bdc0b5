/**
 * Answers that speak about one person or one moment (a sign-up, a status, an error) must never
 * be kept by a cache between us and the reader: every such JSON answer goes out through here.
 */
export function noStoreJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } })
}
