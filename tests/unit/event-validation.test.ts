import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  cancelEventSchema,
  DESCRIPTION_MAX,
  duplicateEventSchema,
  eventInputSchema,
  isSlug,
  sessionInputSchema,
} from '@/lib/events/validation';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';

const NETWORK = '6f1c3a52-1b1e-4c2a-9a51-2f0a7a1b9c10';
const GROUP = 'b7a0a4c2-0000-4000-8000-000000000001';

/** Every message key these tests expect; each must exist in both catalogues. */
const seenKeys = new Set<string>();

/** The message of each issue, by field path, as the action wrapper reads them. */
function issues(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] = [...(out[key] ?? []), issue.message];
    seenKeys.add(issue.message);
  }
  return out;
}

/** An in-person colloquium as the editor's form posts it: strings only. */
function inPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: 'colloque-2027',
    format: 'colloquium',
    networkId: '',
    workingGroupId: '',
    mode: 'in_person',
    venueName: 'École militaire',
    venueAddress: '1 place Joffre, 75007 Paris',
    city: 'Paris',
    country: 'fr',
    onlineUrl: '',
    timeZone: 'Europe/Paris',
    startsAt: '2027-04-13T09:00',
    endsAt: '2027-04-14T17:30',
    workingLanguages: ['fr', 'en'],
    interpretationLanguages: ['ar'],
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'approval',
    capacity: '300',
    registrationOpensAt: '2027-01-15T09:00',
    registrationClosesAt: '2027-03-31T23:59',
    modificationDeadline: '',
    retentionDays: '',
    titleFr: 'Colloque international',
    titleEn: 'International colloquium',
    summaryFr: 'Deux jours d’échanges.',
    summaryEn: 'Two days of exchanges.',
    descriptionFr: 'Au programme :\n- **cinq ateliers** ;\n- [le site](https://www.cipdr.gouv.fr).',
    descriptionEn: 'Programme:\n- **five workshops**;\n- [the website](https://www.cipdr.gouv.fr).',
    ...overrides,
  };
}

function session(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'plenary',
    titleFr: 'Ouverture',
    titleEn: 'Opening',
    descriptionFr: '',
    descriptionEn: '',
    room: 'Amphithéâtre Foch',
    startsAt: '2027-04-13T09:00',
    endsAt: '2027-04-13T10:30',
    capacity: '',
    ...overrides,
  };
}

describe('eventInputSchema: valid events', () => {
  it('accepts an in-person event and normalises the form values', () => {
    expect(eventInputSchema.parse(inPerson())).toEqual({
      slug: 'colloque-2027',
      format: 'colloquium',
      networkId: null,
      workingGroupId: null,
      mode: 'in_person',
      venueName: 'École militaire',
      venueAddress: '1 place Joffre, 75007 Paris',
      city: 'Paris',
      country: 'FR',
      onlineUrl: null,
      timeZone: 'Europe/Paris',
      startsAt: '2027-04-13T09:00',
      endsAt: '2027-04-14T17:30',
      workingLanguages: ['fr', 'en'],
      interpretationLanguages: ['ar'],
      confidentiality: 'public',
      visibility: 'listed',
      registrationMode: 'approval',
      capacity: 300,
      registrationOpensAt: '2027-01-15T09:00',
      registrationClosesAt: '2027-03-31T23:59',
      modificationDeadline: undefined,
      retentionDays: 365,
      offerHoldHours: 48,
      titleFr: 'Colloque international',
      titleEn: 'International colloquium',
      summaryFr: 'Deux jours d’échanges.',
      summaryEn: 'Two days of exchanges.',
      descriptionFr:
        'Au programme :\n- **cinq ateliers** ;\n- [le site](https://www.cipdr.gouv.fr).',
      descriptionEn:
        'Programme:\n- **five workshops**;\n- [the website](https://www.cipdr.gouv.fr).',
    });
  });

  it('accepts an online event without a venue', () => {
    const parsed = eventInputSchema.parse(
      inPerson({
        format: 'webinar',
        mode: 'online',
        venueName: '',
        venueAddress: '',
        city: '',
        country: '',
        onlineUrl: 'https://webinaire.example.org/jeunesse',
        timeZone: 'Africa/Dakar',
        capacity: '',
      }),
    );
    expect(parsed).toMatchObject({
      mode: 'online',
      venueName: null,
      city: null,
      country: null,
      onlineUrl: 'https://webinaire.example.org/jeunesse',
      capacity: null,
    });
  });

  it('accepts a hybrid event with both a venue and a link', () => {
    const parsed = eventInputSchema.parse(
      inPerson({ mode: 'hybrid', onlineUrl: 'http://meet.example.eu/room-1' }),
    );
    expect(parsed).toMatchObject({
      mode: 'hybrid',
      venueName: 'École militaire',
      onlineUrl: 'http://meet.example.eu/room-1',
    });
  });

  it('accepts a working group with its network', () => {
    expect(
      eventInputSchema.parse(inPerson({ networkId: NETWORK, workingGroupId: GROUP })),
    ).toMatchObject({ networkId: NETWORK, workingGroupId: GROUP });
  });
});

describe('eventInputSchema: rules', () => {
  it('refuses an end before (or at) the start', () => {
    expect(issues(eventInputSchema, inPerson({ endsAt: '2027-04-12T17:30' }))).toEqual({
      endsAt: ['endBeforeStart'],
    });
    expect(
      issues(
        eventInputSchema,
        inPerson({ startsAt: '2027-04-13T09:00', endsAt: '2027-04-13T09:00' }),
      ),
    ).toEqual({ endsAt: ['endBeforeStart'] });
  });

  it('compares times whatever the seconds are written as', () => {
    // A browser with step="1" posts seconds; 09:00:00 is not after 09:00.
    expect(
      issues(
        eventInputSchema,
        inPerson({ startsAt: '2027-04-13T09:00', endsAt: '2027-04-13T09:00:00' }),
      ),
    ).toEqual({ endsAt: ['endBeforeStart'] });
    expect(
      issues(
        eventInputSchema,
        inPerson({ startsAt: '2027-04-13T09:00:00', endsAt: '2027-04-13T09:00:30' }),
      ),
    ).toEqual({});
  });

  it('refuses impossible dates and malformed times', () => {
    expect(issues(eventInputSchema, inPerson({ startsAt: '2027-02-30T09:00' }))).toEqual({
      startsAt: ['invalidDateTime'],
    });
    expect(issues(eventInputSchema, inPerson({ endsAt: '14/04/2027 17:30' }))).toEqual({
      endsAt: ['invalidDateTime'],
    });
    expect(issues(eventInputSchema, inPerson({ startsAt: undefined }))).toEqual({
      startsAt: ['required'],
    });
  });

  it('requires a venue, a city and a country in person and hybrid', () => {
    const noVenue = { venueName: '', city: '  ', country: '' };
    expect(issues(eventInputSchema, inPerson(noVenue))).toEqual({
      venueName: ['venueRequired'],
      city: ['venueRequired'],
      country: ['venueRequired'],
    });
    expect(
      issues(
        eventInputSchema,
        inPerson({ ...noVenue, mode: 'hybrid', onlineUrl: 'https://a.example' }),
      ),
    ).toEqual({
      venueName: ['venueRequired'],
      city: ['venueRequired'],
      country: ['venueRequired'],
    });
  });

  it('requires a link online and hybrid', () => {
    expect(
      issues(
        eventInputSchema,
        inPerson({ mode: 'online', venueName: '', city: '', country: '', onlineUrl: '' }),
      ),
    ).toEqual({ onlineUrl: ['onlineUrlRequired'] });
    expect(issues(eventInputSchema, inPerson({ mode: 'hybrid', onlineUrl: '  ' }))).toEqual({
      onlineUrl: ['onlineUrlRequired'],
    });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'ftp://files.example.org/a',
    'data:text/html,<script>alert(1)</script>',
    'meet.example.eu/room',
  ])('refuses the link %j', (url) => {
    expect(issues(eventInputSchema, inPerson({ mode: 'hybrid', onlineUrl: url }))).toEqual({
      onlineUrl: ['invalidUrl'],
    });
  });

  it('refuses a registration window that closes before it opens', () => {
    expect(
      issues(
        eventInputSchema,
        inPerson({
          registrationOpensAt: '2027-03-01T09:00',
          registrationClosesAt: '2027-02-01T09:00',
        }),
      ),
    ).toEqual({ registrationClosesAt: ['registrationWindow'] });
    expect(
      issues(
        eventInputSchema,
        inPerson({
          registrationOpensAt: '2027-03-01T09:00',
          registrationClosesAt: '2027-03-01T09:00',
        }),
      ),
    ).toEqual({ registrationClosesAt: ['registrationWindow'] });
  });

  it('refuses registration and modification deadlines after the event', () => {
    expect(
      issues(
        eventInputSchema,
        inPerson({
          registrationClosesAt: '2027-04-15T09:00',
          modificationDeadline: '2027-04-20T00:00',
        }),
      ),
    ).toEqual({
      registrationClosesAt: ['registrationAfterEvent'],
      modificationDeadline: ['registrationAfterEvent'],
    });
    // Closing during the event is allowed (late registrations for day 2).
    expect(
      issues(eventInputSchema, inPerson({ registrationClosesAt: '2027-04-14T08:00' })),
    ).toEqual({});
  });

  it('refuses a working group without its network', () => {
    expect(issues(eventInputSchema, inPerson({ workingGroupId: GROUP }))).toEqual({
      workingGroupId: ['workingGroupNeedsNetwork'],
    });
  });

  it('refuses ids that are not uuids', () => {
    expect(issues(eventInputSchema, inPerson({ networkId: 'ran', workingGroupId: '1' }))).toEqual({
      networkId: ['invalidChoice'],
      workingGroupId: ['invalidChoice'],
    });
  });

  it.each([
    '<script>alert(1)</script>',
    'Colloque <img src=x onerror=alert(1)>',
    '<b>Colloque</b>',
  ])('refuses the markup %j in titles, summaries and descriptions', (markup) => {
    expect(
      issues(
        eventInputSchema,
        inPerson({
          titleFr: markup,
          titleEn: markup,
          summaryFr: markup,
          summaryEn: markup,
          descriptionFr: `Texte\n\n${markup}\n\nsuite`,
          descriptionEn: markup,
        }),
      ),
    ).toEqual({
      titleFr: ['noHtml'],
      titleEn: ['noHtml'],
      summaryFr: ['noHtml'],
      summaryEn: ['noHtml'],
      descriptionFr: ['noHtml'],
      descriptionEn: ['noHtml'],
    });
  });

  it('keeps ordinary punctuation that is not markup', () => {
    expect(
      issues(
        eventInputSchema,
        inPerson({
          titleFr: 'Jeunes < 18 ans & familles — « retours » > 2020',
          descriptionFr: 'Seuil : 3 < 5 et 5 > 3 ; R&D ; **gras** ; _italique_',
        }),
      ),
    ).toEqual({});
  });

  it('refuses a 100 kB description as tooLong (20,000 characters at most)', () => {
    expect(DESCRIPTION_MAX).toBe(20_000);
    expect(issues(eventInputSchema, inPerson({ descriptionEn: 'a'.repeat(100_000) }))).toEqual({
      descriptionEn: ['tooLong'],
    });
    expect(issues(eventInputSchema, inPerson({ descriptionEn: 'a'.repeat(20_001) }))).toEqual({
      descriptionEn: ['tooLong'],
    });
    expect(issues(eventInputSchema, inPerson({ descriptionEn: 'a'.repeat(20_000) }))).toEqual({});
  });

  it('refuses over-long and missing titles', () => {
    expect(
      issues(eventInputSchema, inPerson({ titleFr: 'x'.repeat(201), titleEn: '   ' })),
    ).toEqual({ titleFr: ['tooLong'], titleEn: ['required'] });
  });

  it.each(['Mars/Olympus', 'Paris', 'europe/paris', 'UTC+1', ''])(
    'refuses the time zone %j',
    (timeZone) => {
      expect(issues(eventInputSchema, inPerson({ timeZone }))).toEqual({
        timeZone: ['invalidTimeZone'],
      });
    },
  );

  it('lower-cases an upper-case slug', () => {
    expect(eventInputSchema.parse(inPerson({ slug: '  Colloque-2027 ' })).slug).toBe(
      'colloque-2027',
    );
  });

  it.each([
    'colloque 2027',
    'été-2027',
    'ab',
    '-colloque',
    'colloque--2027',
    'colloque_2027',
    'a'.repeat(81),
  ])('refuses the slug %j', (slug) => {
    expect(issues(eventInputSchema, inPerson({ slug }))).toEqual({ slug: ['invalidSlug'] });
  });

  it.each(['0', '-1', '1.5', 'abc', 0, -1, 1.5, '100001'])(
    'refuses the capacity %j as invalidNumber',
    (capacity) => {
      expect(issues(eventInputSchema, inPerson({ capacity }))).toEqual({
        capacity: ['invalidNumber'],
      });
    },
  );

  it.each(['0', '3651', '1.5', 'abc'])('refuses the retention %j as invalidNumber', (retention) => {
    expect(issues(eventInputSchema, inPerson({ retentionDays: retention }))).toEqual({
      retentionDays: ['invalidNumber'],
    });
  });

  it('refuses unknown choices', () => {
    expect(
      issues(
        eventInputSchema,
        inPerson({
          format: 'party',
          mode: 'virtual',
          confidentiality: 'secret',
          visibility: 'hidden',
          registrationMode: 'lottery',
          interpretationLanguages: ['fr', 'xx'],
        }),
      ),
    ).toEqual({
      format: ['invalidChoice'],
      mode: ['invalidChoice'],
      confidentiality: ['invalidChoice'],
      visibility: ['invalidChoice'],
      registrationMode: ['invalidChoice'],
      'interpretationLanguages.1': ['invalidChoice'],
    });
  });

  it('refuses a country that is not two letters', () => {
    expect(issues(eventInputSchema, inPerson({ country: 'FRA' }))).toEqual({
      country: ['invalidCountry'],
    });
  });

  it('requires at least one working language', () => {
    expect(issues(eventInputSchema, inPerson({ workingLanguages: [] }))).toEqual({
      workingLanguages: ['languagesRequired'],
    });
    expect(issues(eventInputSchema, inPerson({ workingLanguages: '' }))).toEqual({
      workingLanguages: ['languagesRequired'],
    });
  });
});

describe('eventInputSchema: FormData-like input', () => {
  it('reads a single language as a one-item list and drops duplicates', () => {
    const parsed = eventInputSchema.parse(
      inPerson({ workingLanguages: 'fr', interpretationLanguages: ['en', 'en', 'ar'] }),
    );
    expect(parsed.workingLanguages).toEqual(['fr']);
    expect(parsed.interpretationLanguages).toEqual(['en', 'ar']);
  });

  it('reads an absent or empty multi-select as no language', () => {
    expect(
      eventInputSchema.parse(inPerson({ interpretationLanguages: '' })).interpretationLanguages,
    ).toEqual([]);
    expect(
      eventInputSchema.parse(inPerson({ interpretationLanguages: undefined }))
        .interpretationLanguages,
    ).toEqual([]);
  });

  it('reads empty optional fields as absent', () => {
    const parsed = eventInputSchema.parse(
      inPerson({
        venueAddress: '',
        capacity: '',
        registrationOpensAt: '',
        registrationClosesAt: '',
        modificationDeadline: '',
        retentionDays: '',
        summaryFr: '',
        descriptionEn: '',
      }),
    );
    expect(parsed).toMatchObject({
      venueAddress: null,
      capacity: null,
      registrationOpensAt: undefined,
      registrationClosesAt: undefined,
      modificationDeadline: undefined,
      retentionDays: 365,
      summaryFr: '',
      descriptionEn: '',
    });
  });

  it('reads numbers typed as strings and trims text', () => {
    const parsed = eventInputSchema.parse(
      inPerson({
        capacity: ' 45 ',
        retentionDays: '730',
        titleFr: '  Colloque  ',
        city: ' Paris ',
      }),
    );
    expect(parsed).toMatchObject({
      capacity: 45,
      retentionDays: 730,
      titleFr: 'Colloque',
      city: 'Paris',
    });
  });

  it('drops the venue fields of an online event only in the mutation, not here', () => {
    // The schema keeps what was typed; a venue on an online event is not an error.
    expect(
      issues(eventInputSchema, inPerson({ mode: 'online', onlineUrl: 'https://a.example/x' })),
    ).toEqual({});
  });
});

describe('sessionInputSchema', () => {
  it('accepts a session posted by a form', () => {
    expect(
      sessionInputSchema.parse(
        session({ capacity: '80', chathamHouse: 'on', accessOrganisationKinds: 'ministry' }),
      ),
    ).toEqual({
      type: 'plenary',
      titleFr: 'Ouverture',
      titleEn: 'Opening',
      descriptionFr: '',
      descriptionEn: '',
      room: 'Amphithéâtre Foch',
      startsAt: '2027-04-13T09:00',
      endsAt: '2027-04-13T10:30',
      capacity: 80,
      access: 'everyone',
      accessOrganisationKinds: ['ministry'],
      chathamHouse: true,
      speakers: [],
    });
  });

  it('reads an unchecked box as false and an empty room as none', () => {
    expect(sessionInputSchema.parse(session({ room: ' ' }))).toMatchObject({
      room: null,
      chathamHouse: false,
      capacity: null,
    });
    expect(sessionInputSchema.parse(session({ chathamHouse: '' })).chathamHouse).toBe(false);
    expect(sessionInputSchema.parse(session({ chathamHouse: true })).chathamHouse).toBe(true);
  });

  it('refuses an end before the start', () => {
    expect(issues(sessionInputSchema, session({ endsAt: '2027-04-13T08:00' }))).toEqual({
      endsAt: ['endBeforeStart'],
    });
    expect(issues(sessionInputSchema, session({ endsAt: '2027-04-13T09:00:00' }))).toEqual({
      endsAt: ['endBeforeStart'],
    });
  });

  it('requires the organisation kinds of an organisation_kinds access rule', () => {
    expect(issues(sessionInputSchema, session({ access: 'organisation_kinds' }))).toEqual({
      accessOrganisationKinds: ['required'],
    });
    expect(
      issues(
        sessionInputSchema,
        session({ access: 'organisation_kinds', accessOrganisationKinds: '' }),
      ),
    ).toEqual({ accessOrganisationKinds: ['required'] });
    expect(
      sessionInputSchema.parse(
        session({
          access: 'organisation_kinds',
          accessOrganisationKinds: ['ministry', 'prefecture'],
        }),
      ).accessOrganisationKinds,
    ).toEqual(['ministry', 'prefecture']);
    expect(
      issues(
        sessionInputSchema,
        session({ access: 'organisation_kinds', accessOrganisationKinds: ['church'] }),
      ),
    ).toEqual({ 'accessOrganisationKinds.0': ['invalidChoice'] });
  });

  it('accepts 30 speakers and refuses 31', () => {
    const speakers = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        name: `Speaker ${i}`,
        function: '',
        organisation: '',
      }));
    expect(sessionInputSchema.parse(session({ speakers: speakers(30) })).speakers).toHaveLength(30);
    expect(issues(sessionInputSchema, session({ speakers: speakers(31) }))).toEqual({
      speakers: ['tooMany'],
    });
  });

  it('checks each speaker', () => {
    expect(
      sessionInputSchema.parse(
        session({
          speakers: [{ name: ' Claire Moreau ', function: '', organisation: 'SG-CIPDR' }],
        }),
      ).speakers,
    ).toEqual([{ name: 'Claire Moreau', function: null, organisation: 'SG-CIPDR' }]);
    expect(
      issues(
        sessionInputSchema,
        session({ speakers: [{ name: '' }, { name: '<img src=x onerror=alert(1)>' }] }),
      ),
    ).toEqual({ 'speakers.0.name': ['required'], 'speakers.1.name': ['noHtml'] });
  });

  it('refuses markup and over-long text in a session', () => {
    expect(
      issues(
        sessionInputSchema,
        session({
          titleFr: '<script>alert(1)</script>',
          descriptionEn: '<img src=x onerror=alert(1)>',
          descriptionFr: 'a'.repeat(100_000),
        }),
      ),
    ).toEqual({ titleFr: ['noHtml'], descriptionEn: ['noHtml'], descriptionFr: ['tooLong'] });
  });

  it.each(['0', '-1', '1.5', 'abc'])('refuses the capacity %j as invalidNumber', (capacity) => {
    expect(issues(sessionInputSchema, session({ capacity }))).toEqual({
      capacity: ['invalidNumber'],
    });
  });
});

describe('cancelEventSchema and duplicateEventSchema', () => {
  it('requires a reason in both languages', () => {
    expect(cancelEventSchema.parse({ reasonFr: ' Grève ', reasonEn: 'Strike' })).toEqual({
      reasonFr: 'Grève',
      reasonEn: 'Strike',
    });
    expect(issues(cancelEventSchema, { reasonFr: '', reasonEn: '<b>x</b>' })).toEqual({
      reasonFr: ['required'],
      reasonEn: ['noHtml'],
    });
  });

  it('takes a new slug and a real calendar date', () => {
    expect(duplicateEventSchema.parse({ slug: 'Colloque-2028', startDate: '2028-04-11' })).toEqual({
      slug: 'colloque-2028',
      startDate: '2028-04-11',
    });
    expect(issues(duplicateEventSchema, { slug: 'a b', startDate: '11/04/2028' })).toEqual({
      slug: ['invalidSlug'],
      startDate: ['invalidDate'],
    });
    // Not silently read as 2 March.
    expect(
      issues(duplicateEventSchema, { slug: 'colloque-2028', startDate: '2027-02-30' }),
    ).toEqual({
      startDate: ['invalidDate'],
    });
  });
});

describe('message keys', () => {
  it('exist in both catalogues under validation', () => {
    // seenKeys holds every key the tests above produced (when they ran first).
    const expected = [
      'required',
      'tooLong',
      'noHtml',
      'invalidSlug',
      'invalidNumber',
      'invalidUrl',
      'invalidCountry',
      'invalidChoice',
      'invalidTimeZone',
      'invalidDateTime',
      'invalidDate',
      'languagesRequired',
      'endBeforeStart',
      'venueRequired',
      'onlineUrlRequired',
      'registrationWindow',
      'registrationAfterEvent',
      'workingGroupNeedsNetwork',
      'tooMany',
    ];
    const catalogues: Record<string, Record<string, string>> = {
      fr: fr.validation,
      en: en.validation,
    };
    for (const [locale, messages] of Object.entries(catalogues)) {
      const missing = [...new Set([...expected, ...seenKeys])].filter(
        (key) => typeof messages[key] !== 'string',
      );
      expect(missing, locale).toEqual([]);
    }
  });

  it('include the server-side rule keys', () => {
    const serverKeys = [
      'slugTaken',
      'sessionOutsideEvent',
      'sessionsOutsideEvent',
      'roomOverlap',
      'sessionCapacityAboveEvent',
      'capacityBelowSessions',
      'workingGroupNotValid',
      'workingGroupNotInNetwork',
    ];
    for (const messages of [fr.validation, en.validation] as Record<string, string>[]) {
      expect(serverKeys.filter((key) => typeof messages[key] !== 'string')).toEqual([]);
    }
  });
});

describe('isSlug', () => {
  it('takes what an event slug looks like and nothing a URL may smuggle in', () => {
    expect(isSlug('colloque-national-2027')).toBe(true);
    for (const bad of ['a\u0000b', 'A-b', '-a', 'a--b', 'é', 'a'.repeat(81), '../x', ''])
      expect(isSlug(bad), JSON.stringify(bad)).toBe(false);
  });
});
