import { createHash } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { cachedPagePolicy, inlineHashes, plainPagePolicy, transportSecurity } from '@/src/contentSecurityPolicy.mjs'

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

describe('the Content-Security-Policy of a cached page', () => {
  const html =
    '<html><head><script src="/_next/static/chunks/a.js" async=""></script><script>self.__next_f=self.__next_f||[]</script></head>' +
    '<body><script type="application/ld+json">{"@type":"Article"}</script><script>self.__next_f.push([1,"x"])</script><style>p{color:red}</style></body></html>'

  it('allows exactly the inline scripts that run, by hash, and leaves JSON-LD and external scripts out', () => {
    const { scripts, styles } = inlineHashes(html)
    expect(scripts).toEqual([hash('self.__next_f=self.__next_f||[]'), hash('self.__next_f.push([1,"x"])')])
    expect(styles).toEqual([hash('p{color:red}')])
    const policy = cachedPagePolicy(html, 'https://magazine.example')
    expect(policy).toContain(`script-src 'self' ${scripts.join(' ')}`)
    expect(policy).not.toContain('unsafe-inline')
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain('upgrade-insecure-requests')
  })

  it('runs no script at all on a page without inline scripts', () => {
    expect(cachedPagePolicy('<html><body><p>Hello</p></body></html>', 'http://localhost:3000')).toContain(
      "script-src 'none'",
    )
  })

  it('does not ask browsers to upgrade requests on a plain-http site', () => {
    expect(cachedPagePolicy(html, 'http://localhost:3000')).not.toContain('upgrade-insecure-requests')
  })
})

describe('other policies', () => {
  it('lets a plain page use its one stylesheet and nothing else', () => {
    const policy = plainPagePolicy('body{margin:0}', 'http://localhost:3000')
    expect(policy).toContain(`style-src ${hash('body{margin:0}')}`)
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('script-src')
  })

  it('sends Strict-Transport-Security only when the site is served over https', () => {
    expect(transportSecurity('https://magazine.example')).toMatch(/^max-age=\d+/)
    expect(transportSecurity('http://localhost:3000')).toBeUndefined()
  })
})

describe('the policies of what a reader or an editor looks at', () => {
  it('let an email shown as a page (web version, preview) load nothing from elsewhere and run nothing', async () => {
    const { emailViewPolicy } = await import('@/src/services/platform/securityHeaders')
    const policy = emailViewPolicy('https://magazine.example', "'self'")
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("img-src 'self' https://magazine.example data:")
    expect(policy).not.toMatch(/https:(?!\/\/magazine\.example)|\*|script-src/)
  })

  it('give the admin no third-party host, the code editor included', async () => {
    const { adminPolicy } = await import('@/src/contentSecurityPolicy.mjs')
    expect(adminPolicy('nonce', 'https://magazine.example')).not.toMatch(/https:\/\/(?!magazine\.example)/)
  })
})
