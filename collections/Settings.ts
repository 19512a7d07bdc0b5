import type { GlobalConfig } from 'payload'
import { IANAZone } from 'luxon'

import { admins, adminsOnlyField, anyone, staffOnlyField } from '@/src/access/roles'
import { revalidateSignUpBox } from '@/src/services/site/contentChanges'
import { applyScheduleSettings } from '@/src/services/digest/scheduler'
import { senderChecksEndpoint } from './senderChecksEndpoint'
import { parseSmtpRates, parseWarmupPlan, SMTP_RATE_FORM, WARMUP_PLAN_FORM } from '@/src/services/deliverability/paces'

/** How the magazine sends its newsletters (each newsletter's own schedule is on it), and the words of its sign-up box. */
export const Settings: GlobalConfig = {
  slug: 'settings',
  admin: { group: 'Newsletter' },
  // Readers' pages show the sign-up wording; nothing private is kept here.
  access: { read: anyone, update: admins },
  // The schedule and the send rate live in Redis too (BullMQ's job scheduler and limiter).
  hooks: { afterChange: [applyScheduleSettings, revalidateSignUpBox] },
  endpoints: [senderChecksEndpoint],
  fields: [
    {
      type: 'collapsible',
      label: 'Sending',
      fields: [
        {
          name: 'timezone',
          type: 'text',
          required: true,
          defaultValue: 'America/Denver',
          admin: { description: "The magazine's time zone: every newsletter's send time is in it." },
          validate: (value: unknown) =>
            typeof value === 'string' && IANAZone.isValidZone(value)
              ? true
              : 'Use an IANA time zone, e.g. Europe/Berlin.',
        },
        {
          name: 'autoSend',
          type: 'checkbox',
          defaultValue: false,
          admin: { description: "Off: each newsletter's scheduled editions wait as drafts for an editor." },
        },
        {
          name: 'archiveOnWeb',
          type: 'checkbox',
          defaultValue: true,
          admin: {
            description:
              "Show sent editions on the site (/newsletter/archive), without any reader's details. Off: the archive and the editions' web versions answer 404.",
          },
        },
        {
          name: 'sendRatePerSecond',
          type: 'number',
          required: true,
          defaultValue: 50,
          min: 1,
          max: 10_000,
          admin: { description: 'Digest messages per second, over all workers together.' },
        },
        {
          name: 'bounceLimit',
          type: 'number',
          required: true,
          defaultValue: 3,
          min: 1,
          max: 20,
          admin: {
            description: 'A reader whose address is refused this many times is marked bounced and gets nothing more.',
          },
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Sender',
      fields: [
        { name: 'senderName', type: 'text', required: true, defaultValue: 'Mindful Moments', maxLength: 80 },
        { name: 'senderAddress', type: 'email', admin: { description: 'Left empty, MAIL_FROM is used.' } },
        {
          name: 'warmupPlan',
          type: 'text',
          access: { read: staffOnlyField, create: adminsOnlyField, update: adminsOnlyField },
          validate: (value: unknown) =>
            typeof value !== 'string' || parseWarmupPlan(value) ? true : `Write ${WARMUP_PLAN_FORM}.`,
          admin: {
            description:
              'Warm-up for a new sending domain: the most digest messages on day 1, day 2, … (e.g. 200,300,500,800). Empty: WARMUP_PLAN, if set.',
          },
        },
        {
          name: 'smtpRate',
          label: 'SMTP route pace',
          type: 'text',
          access: { read: staffOnlyField, create: adminsOnlyField, update: adminsOnlyField },
          validate: (value: unknown) =>
            typeof value !== 'string' || parseSmtpRates(value, value.split(',').length)
              ? true
              : `Write ${SMTP_RATE_FORM}.`,
          admin: {
            description:
              'Each SMTP route’s own pace for the digest, over all workers (e.g. 14/s, or 14/s,50000/h for two routes). Empty: SMTP_RATE, if set.',
          },
        },
        {
          name: 'warmupStartedOn',
          type: 'text',
          // Set when the first digest message goes out under WARMUP_PLAN; clearing it starts the plan again.
          access: { read: staffOnlyField, create: adminsOnlyField, update: adminsOnlyField },
          validate: (value: unknown) =>
            value === null ||
            value === undefined ||
            value === '' ||
            (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
              ? true
              : 'A day as YYYY-MM-DD, or empty.',
          admin: {
            description:
              'The first day of the warm-up (WARMUP_PLAN), set by the first digest sent under it. Empty it when you move to a new sending domain.',
          },
        },
        {
          name: 'postalAddress',
          type: 'textarea',
          required: true,
          defaultValue: 'Mindful Press · 123 Example Street · Boulder, CO 80302 · USA',
          maxLength: 300,
          admin: { description: 'Shown in every email footer, as anti-spam laws require.' },
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Sign-up box',
      fields: [
        { name: 'signupHeadline', type: 'text', defaultValue: 'Join our Mindful Movement!', maxLength: 120 },
        { name: 'signupText', type: 'textarea', maxLength: 500 },
        { name: 'signupTestimonial', type: 'text', maxLength: 300 },
        { name: 'signupTestimonialBy', type: 'text', maxLength: 120 },
        { name: 'privacyNote', type: 'text', maxLength: 200 },
        { name: 'successMessage', type: 'text', defaultValue: 'You have Successfully Subscribed!', maxLength: 200 },
        {
          name: 'consentVersion',
          type: 'text',
          defaultValue: '1',
          maxLength: 40,
          admin: { description: 'Raise it whenever the sign-up wording changes; each consent record keeps it.' },
        },
      ],
    },
  ],
}
