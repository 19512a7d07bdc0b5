type Headers = Record<string, string | string[] | undefined>
export const CLIENT_HEADER: string
export function clientOf(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string
export function bodyLimit(pathname: string, staff: boolean, limits: { mediaBytes: number; importBytes: number }): number
export function refusal(
  method: string,
  pathname: string,
  headers: Headers,
  staff: boolean,
  limits: { mediaBytes: number; importBytes: number },
): [number, string] | undefined
export function clampedQuery(search: string): string
export function sessionKey(payloadSecret: string): Buffer
export function hasStaffSession(headers: Headers, key: Buffer, now?: number): boolean
