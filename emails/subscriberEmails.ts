import { button, escapeHtml, heading, link, paragraph } from './partials'
import { renderLetter } from './letter'
import type { RenderedEmail } from './render'

type Common = { firstName?: string | null; postalAddress: string; whatWeCountUrl: string; unsubscribeUrl: string }

/** "Mindful Moments", "Mindful Moments and Love Letters" */
const namesOf = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? 'our newsletter')

const greeting = (firstName?: string | null) => (firstName ? `Hello ${escapeHtml(firstName)},` : 'Hello,')

const fallbackLink = (url: string, validity: string) =>
  paragraph(
    `<span style="font-size: 14px;">If the button does not work, open this link: ${link(url, url)}. ${validity}</span>`,
  )

/** Double opt-in: nothing is sent to a reader until they follow this link. */
export function renderConfirmSubscription(
  data: Common & { confirmUrl: string; signupText?: string | null; newsletterNames: string[] },
): Promise<RenderedEmail> {
  const names = namesOf(data.newsletterNames)
  const subject = `Please confirm your subscription to ${names}`
  return renderLetter({
    subject,
    preheader: `One click, and ${names} ${data.newsletterNames.length > 1 ? 'are' : 'is'} on the way.`,
    blocks: [
      heading('One more step'),
      paragraph(greeting(data.firstName)),
      paragraph(
        escapeHtml(
          data.signupText ||
            "we'll share bi-weekly Mindful Moments, full of helpful tips, tactics, and content to improve your life.",
        ) + ' Please confirm that this address is yours:',
      ),
      button('Yes, subscribe me', data.confirmUrl),
      fallbackLink(
        data.confirmUrl,
        'It is valid for 7 days. If you did not ask for this, ignore this email: you will not hear from us again.',
      ),
    ],
    footer: {
      reason: 'You get this email because someone entered this address in our sign-up box.',
      postalAddress: data.postalAddress,
      whatWeCountUrl: data.whatWeCountUrl,
      unsubscribeUrl: data.unsubscribeUrl,
    },
  })
}

export function renderWelcome(
  data: Common & { successMessage?: string | null; siteUrl: string; manageUrl: string; newsletterNames: string[] },
): Promise<RenderedEmail> {
  const names = namesOf(data.newsletterNames)
  const subject = `Welcome to ${names}`
  return renderLetter({
    subject,
    preheader: `Your first emails arrive with the next edition of ${names}.`,
    blocks: [
      heading(data.successMessage || 'You have Successfully Subscribed!'),
      paragraph(greeting(data.firstName)),
      paragraph(
        `Thank you for joining our mindful movement. You will receive ${escapeHtml(names)}: stories and lessons on dating, love and relationships from our writers and guest contributors. Choose your newsletters and topics any time from the link at the foot of every email.`,
      ),
      button('Read the latest stories', data.siteUrl),
    ],
    footer: {
      reason: 'You get this email because you confirmed your subscription.',
      postalAddress: data.postalAddress,
      whatWeCountUrl: data.whatWeCountUrl,
      manageUrl: data.manageUrl,
      unsubscribeUrl: data.unsubscribeUrl,
    },
  })
}

/** A reader asked to receive Mindful Moments at a new address: this goes to the new one. */
export function renderConfirmAddressChange(data: Common & { confirmUrl: string }): Promise<RenderedEmail> {
  const subject = 'Please confirm your new address for Mindful Moments'
  return renderLetter({
    subject,
    preheader: 'One click, and Mindful Moments come to this address from now on.',
    blocks: [
      heading('Is this your new address?'),
      paragraph(greeting(data.firstName)),
      paragraph(
        'You asked us to send Mindful Moments to this address instead of your old one. Please confirm that this address is yours:',
      ),
      button('Yes, use this address', data.confirmUrl),
      fallbackLink(
        data.confirmUrl,
        'It is valid for 7 days. Until you confirm, Mindful Moments keep going to your old address. If you did not ask for this, ignore this email: nothing changes.',
      ),
    ],
    footer: {
      reason:
        'You get this email because a reader of Mindful Moments asked to move their subscription to this address.',
      postalAddress: data.postalAddress,
      whatWeCountUrl: data.whatWeCountUrl,
    },
  })
}
