import { getTranslations } from 'next-intl/server';
import { ClientIntl } from '@/app/_components/client-intl';
import { formatDateTime } from '@/lib/events/format';
import { countryOptions } from '@/lib/i18n/countries';
import type { Locale } from '@/lib/people/enums';
import { loadFormDefinition } from '@/lib/registrations/form-definition';
import type { ManagedRegistration } from '@/lib/registrations/queries';
import { RegistrationForm } from '../../_components/registration-form';
import { sessionTexts } from '../../_components/session-texts';

/** The registration's form again, filled in, to change it until the deadline. */
export async function EditRegistration({
  registration,
  holder,
  locale,
}: {
  registration: ManagedRegistration;
  holder: { token: string } | { registrationId: string };
  locale: Locale;
}) {
  const [t, form] = await Promise.all([
    getTranslations('registrations.manage'),
    loadFormDefinition(registration.eventId, { seats: true }),
  ]);
  const until = registration.editableUntil;
  if (!until) return null;
  // One radio group per time slot: the session chosen in each, or none.
  const slots = [...new Set(form.sessions.map((s) => s.slot))];
  const chosen = new Set(registration.sessions.map((s) => s.id));
  const sessionIds = slots.map(
    (slot) => form.sessions.find((s) => s.slot === slot && chosen.has(s.id))?.id ?? '',
  );
  return (
    <section className="fr-mb-4w" aria-labelledby="edit-title">
      <h2 id="edit-title" className="fr-h4">
        {t('editTitle')}
      </h2>
      <p className="fr-text--sm">
        {t('editUntil', {
          until: formatDateTime(until, registration.event.timeZone, locale),
        })}
      </p>
      <ClientIntl>
        <RegistrationForm
          eventId={registration.eventId}
          locale={locale}
          countries={countryOptions(locale)}
          form={form}
          sessionTexts={await sessionTexts(form, registration.event.timeZone, locale)}
          holder={holder}
          defaults={{
            firstName: registration.firstName,
            lastName: registration.lastName,
            email: registration.email,
            organisation: registration.organisation,
            function: registration.function,
            country: registration.country,
            organisationKind: registration.organisationKind ?? '',
            locale: registration.locale,
            answers: registration.answers,
            sessionIds,
          }}
        />
      </ClientIntl>
    </section>
  );
}
