import { button, escapeHtml, heading, layout, paragraph } from './partials'
import { renderEmail, type RenderedEmail } from './render'

type Common = { firstName?: string | null; postalAddress: string; unsubscribeUrl: string }

const greeting = (firstName?: string | null) => (firstName ? `Hello ${escapeHtml(firstName)},` : 'Hello,')

/** Double opt-in: nothing is sent to a reader until they follow this link. */
export function renderConfirmSubscription(data: Common & { confirmUrl: string; signupText?: string | null }): Promise<RenderedEmail> {
  const subject = 'Please confirm your subscription to Mindful Moments'
  return renderEmail(
    subject,
    layout({
      title: subject,
      preheader: 'One click, and the bi-weekly Mindful Moments are on their way.',
      body: [
        heading('One more step'),
        paragraph(greeting(data.firstName)),
        paragraph(
          escapeHtml(data.signupText || "we'll share bi-weekly Mindful Moments, full of helpful tips, tactics, and content to improve your life.") +
            ' Please confirm that this address is yours:',
        ),
        button('Yes, subscribe me', data.confirmUrl),
        paragraph(
          `<span style="font-size: 14px;">If the button does not work, open this link: <a href="${escapeHtml(data.confirmUrl)}">${escapeHtml(data.confirmUrl)}</a>. It is valid for 7 days. If you did not ask for this, ignore this email: you will not hear from us again.</span>`,
        ),
      ].join('\n'),
      footer: { reason: 'You get this email because someone entered this address in our sign-up box.', postalAddress: data.postalAddress, unsubscribeUrl: data.unsubscribeUrl },
    }),
  )
}

export function renderWelcome(data: Common & { successMessage?: string | null; siteUrl: string }): Promise<RenderedEmail> {
  const subject = 'Welcome to Mindful Moments'
  return renderEmail(
    subject,
    layout({
      title: subject,
      preheader: 'Your first Mindful Moments arrive with the next edition.',
      body: [
        heading(data.successMessage || 'You have Successfully Subscribed!'),
        paragraph(greeting(data.firstName)),
        paragraph(
          'Thank you for joining our mindful movement. Every two weeks you will receive Mindful Moments: stories and lessons on dating, love and relationships from our writers and guest contributors.',
        ),
        button('Read the latest stories', data.siteUrl),
      ].join('\n'),
      footer: { reason: 'You get this email because you confirmed your subscription.', postalAddress: data.postalAddress, unsubscribeUrl: data.unsubscribeUrl },
    }),
  )
}
