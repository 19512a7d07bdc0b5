import type { Setting } from '../payload-types'
import type { NewsletterChoice } from '../services/newsletter/newsletters'

/**
 * The seed page's "Join our Mindful Movement!" box: a plain form, works without JavaScript.
 * With more than one public newsletter it offers each as a checkbox, the default ones ticked.
 */
export function SignupBox({
  settings,
  newsletters = [],
  source = 'website',
  error,
}: {
  settings: Setting
  newsletters?: NewsletterChoice[]
  source?: string
  error?: string
}) {
  return (
    <section className="signup" aria-labelledby="signup-title">
      <h2 id="signup-title">{settings.signupHeadline || 'Join our Mindful Movement!'}</h2>
      {settings.signupText && <p>{settings.signupText}</p>}
      {settings.signupTestimonial && (
        <blockquote className="testimonial">
          <p>“{settings.signupTestimonial}”</p>
          {settings.signupTestimonialBy && <footer>— {settings.signupTestimonialBy}</footer>}
        </blockquote>
      )}
      <form className="signup-form" method="post" action="/api/newsletter/subscribe">
        {error && (
          <p className="form-error" role="alert" id="signup-error">
            {error}
          </p>
        )}
        <label htmlFor={`signup-email-${source}`}>Email address</label>
        <input
          id={`signup-email-${source}`}
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          aria-describedby={error ? 'signup-error' : undefined}
        />
        <label htmlFor={`signup-name-${source}`}>First name (optional)</label>
        <input id={`signup-name-${source}`} name="firstName" type="text" maxLength={80} autoComplete="given-name" />
        {newsletters.length > 1 && (
          <fieldset className="topics">
            <legend>Which newsletters?</legend>
            {/* Tells the server the reader was offered a choice: none ticked is then a mistake, not "the default ones". */}
            <input type="hidden" name="newslettersOffered" value="yes" />
            {newsletters.map((newsletter) => (
              <label className="checkbox" key={newsletter.slug}>
                <input
                  type="checkbox"
                  name="newsletters"
                  value={newsletter.slug}
                  defaultChecked={Boolean(newsletter.defaultForNewReaders)}
                />{' '}
                <span>
                  <strong>{newsletter.name}</strong>
                  {newsletter.description && (
                    <>
                      <br />
                      <span className="meta">{newsletter.description}</span>
                    </>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <input type="hidden" name="source" value={source} />
        {/* Hidden from people and screen readers; bots fill it in. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={`signup-website-${source}`}>Website</label>
          <input id={`signup-website-${source}`} name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit">Sign up</button>
      </form>
      {settings.privacyNote && <p className="privacy-note">({settings.privacyNote})</p>}
    </section>
  )
}
