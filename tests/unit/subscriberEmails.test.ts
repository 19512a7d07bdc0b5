import { describe, expect, it } from 'vitest'

import { renderConfirmSubscription, renderWelcome } from '@/emails/subscriberEmails'

const common = {
  firstName: 'Jo <script>alert(1)</script>',
  postalAddress: 'Mindful Press · 1 Example Street · Boulder',
  whatWeCountUrl: 'https://mindful.example/privacy/what-we-count',
  unsubscribeUrl: 'https://mindful.example/newsletter/unsubscribe?token=abc.def',
  newsletterNames: ['Mindful Moments'],
}

describe('the confirmation email', () => {
  it('renders without MJML errors, with the confirm link in both parts and the footer', async () => {
    const email = await renderConfirmSubscription({
      ...common,
      confirmUrl: 'https://mindful.example/newsletter/confirm?token=t.o.k.en',
    })
    expect(email.subject).toBe('Please confirm your subscription to Mindful Moments')
    expect(email.html).toContain('href="https://mindful.example/newsletter/confirm?token=t.o.k.en"')
    expect(email.text).toContain('https://mindful.example/newsletter/confirm?token=t.o.k.en')
    expect(email.html).toContain(common.postalAddress)
    // The footer points to the public account of every number we keep.
    expect(email.html).toContain(`href="${common.whatWeCountUrl}"`)
    expect(email.text).toContain('Unsubscribe')
    expect(email.text).toContain(common.unsubscribeUrl)
  })

  it('escapes what readers typed', async () => {
    const email = await renderConfirmSubscription({ ...common, confirmUrl: 'https://x.example/c' })
    expect(email.html).not.toContain('<script>')
    expect(email.html).toContain('Jo &lt;script&gt;')
  })

  it('carries no tracking pixel and no link to anywhere but our own site', async () => {
    const email = await renderConfirmSubscription({
      ...common,
      confirmUrl: 'https://mindful.example/newsletter/confirm?token=x',
    })
    expect(email.html).not.toMatch(/<img/i)
    const hosts = [...email.html.matchAll(/href="(https?:[^"]+)"/g)].map((m) => new URL(m[1]).host)
    expect(new Set(hosts)).toEqual(new Set(['mindful.example']))
  })
})

describe('the welcome email', () => {
  it('renders the success message and a way back to the site', async () => {
    const email = await renderWelcome({
      ...common,
      firstName: 'Jo',
      successMessage: 'You have Successfully Subscribed!',
      siteUrl: 'https://mindful.example',
      manageUrl: 'https://mindful.example/newsletter/manage?token=abc',
    })
    expect(email.text).toContain('You have Successfully Subscribed!')
    expect(email.text).toContain('Hello Jo,')
    expect(email.html).toContain('href="https://mindful.example"')
  })

  it('names every newsletter the reader chose, in the subject and the words', async () => {
    const email = await renderWelcome({
      ...common,
      newsletterNames: ['Love Letters', 'Mindful Moments'],
      siteUrl: 'https://mindful.example',
      manageUrl: 'https://mindful.example/newsletter/manage?token=abc',
    })
    expect(email.subject).toBe('Welcome to Love Letters and Mindful Moments')
    expect(email.text.replace(/\s+/g, ' ')).toContain('You will receive Love Letters and Mindful Moments')
  })
})
