import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { clampedQuery, clientOf, hasStaffSession, refusal, sessionKey } from '@/src/requestGate.mjs'

/** What the server entry decides before Next.js or Payload reads anything. */

const limits = { mediaBytes: 25 * 1024 * 1024, importBytes: 200 * 1024 * 1024 }

function jwt(key: Buffer, claims: object) {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${head}.${body}.${createHmac('sha256', key).update(`${head}.${body}`).digest('base64url')}`
}

describe('the client’s address', () => {
  it('is the connection’s unless proxies are declared: a forged X-Forwarded-For changes nothing', () => {
    expect(clientOf('203.0.113.9', '198.51.100.1, 198.51.100.2', 0)).toBe('203.0.113.9')
    expect(clientOf('203.0.113.9', undefined, 0)).toBe('203.0.113.9')
  })

  it('behind declared proxies is the entry the outermost trusted one appended, whatever the client wrote before it', () => {
    // client forged "1.1.1.1"; the one proxy appended the real client 198.51.100.7 and connects from 10.0.0.2
    expect(clientOf('10.0.0.2', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7')
    expect(clientOf('10.0.0.3', '1.1.1.1, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7')
    // Fewer entries than proxies: the leftmost there is, never something the client invented beyond it.
    expect(clientOf('10.0.0.2', undefined, 1)).toBe('10.0.0.2')
  })
})

describe('a write', () => {
  it('from nobody signed in is refused before its body, except on the public routes', () => {
    expect(refusal('POST', '/api/media', { 'content-length': '10' }, false, limits)?.[0]).toBe(401)
    expect(refusal('POST', '/api/media', { 'transfer-encoding': 'chunked' }, false, limits)?.[0]).toBe(401)
    expect(refusal('PATCH', '/api/editions/1', {}, false, limits)?.[0]).toBe(401)
    expect(refusal('POST', '/api/newsletter/subscribe', { 'content-length': '100' }, false, limits)).toBeUndefined()
    expect(refusal('POST', '/api/users/login', { 'content-length': '100' }, false, limits)).toBeUndefined()
    expect(refusal('GET', '/api/articles', {}, false, limits)).toBeUndefined()
  })

  it('must say how long it is, and be no longer than its route allows', () => {
    expect(refusal('POST', '/api/newsletter/subscribe', { 'transfer-encoding': 'chunked' }, false, limits)?.[0]).toBe(
      411,
    )
    expect(
      refusal('POST', '/api/newsletter/subscribe', { 'content-length': String(2 * 1024 * 1024) }, false, limits)?.[0],
    ).toBe(413)
    expect(refusal('POST', '/api/media', { 'content-length': String(24 * 1024 * 1024) }, true, limits)).toBeUndefined()
    expect(refusal('POST', '/api/media', { 'content-length': String(26 * 1024 * 1024) }, true, limits)?.[0]).toBe(413)
    expect(
      refusal('POST', '/api/subscribers/import', { 'content-length': String(150 * 1024 * 1024) }, true, limits),
    ).toBeUndefined()
    expect(refusal('POST', '/api/articles', { 'content-length': 'lots' }, true, limits)?.[0]).toBe(400)
  })
})

describe('an anonymous query', () => {
  it('gets at most a page of 100, two levels deep, never everything at once', () => {
    expect(new URLSearchParams(clampedQuery('?limit=100000&pagination=false&depth=9&where[slug][equals]=a'))).toEqual(
      new URLSearchParams('limit=100&depth=2&where[slug][equals]=a'),
    )
    expect(clampedQuery('?limit=10&depth=1')).toBe('?limit=10&depth=1')
  })
})

describe('a staff session', () => {
  const key = sessionKey('test-secret-0123456789abcdef0123456789abcdef')
  const exp = Math.floor(Date.now() / 1000) + 3600

  it('is recognized from the header or the cookie when Payload signed it and it has not expired', () => {
    const token = jwt(key, { id: 1, collection: 'users', exp })
    expect(hasStaffSession({ authorization: `JWT ${token}` }, key)).toBe(true)
    expect(hasStaffSession({ cookie: `a=b; payload-token=${token}` }, key)).toBe(true)
  })

  it('is not made up: another key, an expired one or garbage count as nobody', () => {
    expect(hasStaffSession({ authorization: `JWT ${jwt(sessionKey('another secret'), { exp })}` }, key)).toBe(false)
    expect(hasStaffSession({ authorization: `JWT ${jwt(key, { exp: 1 })}` }, key)).toBe(false)
    expect(hasStaffSession({ cookie: 'payload-token=x.y.z' }, key)).toBe(false)
    expect(hasStaffSession({ authorization: 'JWT ü.ü.ü' }, key)).toBe(false)
    expect(hasStaffSession({}, key)).toBe(false)
  })
})
