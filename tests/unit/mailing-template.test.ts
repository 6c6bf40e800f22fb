import { describe, expect, it } from 'vitest';
import { ActionError } from '@/lib/auth/errors';
import { composeMailingMail } from '@/lib/mailings/mail';
import { PLACEHOLDERS, parseTemplate, renderTemplate } from '@/lib/mailings/template';
import {
  assertValidTemplate,
  mailingInputSchema,
  segmentSchema,
  templateSchema,
} from '@/lib/mailings/validation';

const VALUES = {
  firstName: 'Awa',
  lastName: 'Traoré',
  eventTitle: 'Colloque',
  eventDates: '14 mai 2030',
  eventPlace: 'Paris',
  manageLink: 'http://x.test/fr/registrations/t',
};

const template = (fields: Partial<Record<string, string>> = {}) => ({
  subjectFr: 'Objet',
  subjectEn: 'Subject',
  bodyFr: 'Bonjour {firstName}',
  bodyEn: 'Hello {firstName}',
  ...fields,
});

function refusal(fields: Partial<Record<string, string>>): ActionError {
  try {
    assertValidTemplate(template(fields));
  } catch (error) {
    if (error instanceof ActionError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseTemplate and renderTemplate', () => {
  it('fills in every placeholder, as many times as used, and leaves the rest as written', () => {
    expect(
      renderTemplate(
        'Bonjour {firstName} {lastName},\n{eventTitle} — {eventDates}, {eventPlace}.\n{manageLink}\n{ firstName }',
        VALUES,
      ),
    ).toBe(
      'Bonjour Awa Traoré,\nColloque — 14 mai 2030, Paris.\nhttp://x.test/fr/registrations/t\nAwa',
    );
    expect(renderTemplate('No placeholder: 100 % plain.', VALUES)).toBe(
      'No placeholder: 100 % plain.',
    );
  });

  it('puts values in as they are, never reading them as placeholders', () => {
    expect(renderTemplate('{firstName}', { ...VALUES, firstName: '{lastName}' })).toBe(
      '{lastName}',
    );
  });

  it('says which placeholders a text uses', () => {
    const parsed = parseTemplate('{manageLink} and {firstName} and {firstName}');
    expect(parsed.ok && [...parsed.used].sort()).toEqual(['firstName', 'manageLink']);
    expect(PLACEHOLDERS).toContain('manageLink');
  });

  it.each([
    ['Bonjour {prenom}', { kind: 'unknownPlaceholder', name: 'prenom' }],
    ['Bonjour {FirstName}', { kind: 'unknownPlaceholder', name: 'FirstName' }],
    ['{}', { kind: 'unknownPlaceholder', name: '' }],
    ['Bonjour {firstName', { kind: 'unbalancedBrace' }],
    ['Bonjour firstName}', { kind: 'unbalancedBrace' }],
    ['{{firstName}}', { kind: 'unbalancedBrace' }],
    ['{first{Name}', { kind: 'unbalancedBrace' }],
    ['<script>alert(1)</script>', { kind: 'markup' }],
    ['Hello <b>{firstName}</b>', { kind: 'markup' }],
    ['<!-- comment -->', { kind: 'markup' }],
    ['</p>', { kind: 'markup' }],
  ])('refuses %j', (text, problem) => {
    expect(parseTemplate(text)).toEqual({ ok: false, problem });
    expect(() => renderTemplate(text, VALUES)).toThrow();
  });

  it('accepts a lone "<" that opens no tag', () => {
    expect(renderTemplate('3 < 4 and {firstName}', VALUES)).toBe('3 < 4 and Awa');
  });
});

describe('assertValidTemplate', () => {
  it('accepts a sound template', () => {
    expect(() => assertValidTemplate(template())).not.toThrow();
  });

  it('names the first problem, its field and the placeholder; marks every field in error', () => {
    const error = refusal({ bodyEn: 'Hello {name}', subjectFr: '<b>Objet</b>' });
    expect(error.messageKey).toBe('mailings.errors.markup');
    expect(error.fieldErrors).toEqual({
      subjectFr: ['mailings.fieldErrors.markup'],
      bodyEn: ['mailings.fieldErrors.unknownPlaceholder'],
    });
    expect(error.params?.field).toEqual({ fr: 'Objet en français', en: 'French subject' });
    const unknown = refusal({ bodyEn: 'Hello {name}' });
    expect(unknown.messageKey).toBe('mailings.errors.unknownPlaceholder');
    expect(unknown.params).toMatchObject({
      name: '{name}',
      field: { fr: 'Texte en anglais', en: 'English text' },
    });
    expect(String(unknown.params?.allowed)).toContain('{eventDates}');
    expect(refusal({ bodyFr: 'Bonjour {firstName' }).messageKey).toBe(
      'mailings.errors.unbalancedBrace',
    );
  });
});

describe('mailing schemas', () => {
  it('needs a status, keeps filters optional, reads one status as a list', () => {
    expect(segmentSchema.parse({ statuses: 'confirmed' })).toEqual({
      statuses: ['confirmed'],
      sessionId: null,
      organisation: null,
      country: null,
      attendance: 'any',
    });
    expect(segmentSchema.safeParse({}).error?.issues[0]?.message).toBe('mailings.errors.noStatus');
    expect(segmentSchema.safeParse({ statuses: ['confirmed', 'lost'] }).success).toBe(false);
    expect(segmentSchema.safeParse({ statuses: 'confirmed', country: 'fr' }).success).toBe(false);
    expect(segmentSchema.safeParse({ statuses: 'confirmed', attendance: 'maybe' }).success).toBe(
      false,
    );
  });

  it('refuses an empty or multi-line subject and an empty body; keeps line breaks of a body', () => {
    expect(templateSchema.safeParse(template({ subjectFr: '  ' })).success).toBe(false);
    expect(templateSchema.safeParse(template({ subjectEn: 'a\nb' })).success).toBe(false);
    expect(templateSchema.safeParse(template({ bodyFr: '' })).success).toBe(false);
    expect(templateSchema.safeParse(template({ bodyFr: 'a\u202Eb' })).success).toBe(false);
    expect(templateSchema.parse(template({ bodyFr: ' a\r\n\r\nb ' })).bodyFr).toBe('a\n\nb');
    expect(mailingInputSchema.safeParse({ ...template(), statuses: ['confirmed'] }).success).toBe(
      true,
    );
  });
});

describe('composeMailingMail', () => {
  const event = {
    titleFr: 'Colloque de Paris',
    titleEn: 'Paris colloquium',
    startsAt: new Date('2030-05-14T07:00:00Z'),
    endsAt: new Date('2030-05-14T15:00:00Z'),
    timeZone: 'Europe/Paris',
    mode: 'in_person' as const,
    venueName: 'Hôtel de Beauvau',
    venueAddress: null,
    city: 'Paris',
  };
  const t = template({
    subjectFr: 'Rappel : {eventTitle}',
    subjectEn: 'Reminder: {eventTitle}',
    bodyFr: 'Bonjour {firstName}, rendez-vous le {eventDates} à {eventPlace}. {manageLink}',
    bodyEn: 'Hello {firstName}, see you on {eventDates} at {eventPlace}. {manageLink}',
  });
  const person = (locale: 'fr' | 'en') => ({
    email: 'awa@example.org',
    firstName: 'Awa',
    lastName: 'Traoré',
    locale,
  });

  it('writes to the person alone, in their language, with the event in their language', () => {
    const fr = composeMailingMail(person('fr'), event, t, 'LINK');
    expect(fr).toMatchObject({ to: 'awa@example.org', locale: 'fr' });
    expect(fr.subject).toBe('Rappel : Colloque de Paris');
    expect(fr.text).toMatch(/^Bonjour Awa, rendez-vous le 14 mai 2030/);
    expect(fr.text).toContain('à Hôtel de Beauvau, Paris. LINK');
    const en = composeMailingMail(person('en'), { ...event, mode: 'online' }, t, 'LINK');
    expect(en.subject).toBe('Reminder: Paris colloquium');
    expect(en.text).toMatch(/^Hello Awa, see you on May 14, 2030/);
    expect(en.text).toContain('at Online. LINK');
  });

  it('marks a test as such, sent to the organiser', () => {
    const test = composeMailingMail(person('en'), event, t, 'LINK', {
      to: 'me@example.org',
      test: true,
    });
    expect(test).toMatchObject({
      to: 'me@example.org',
      subject: '[Test] Reminder: Paris colloquium',
    });
  });
});
