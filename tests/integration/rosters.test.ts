import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  designationRosterEntries,
  designationRosters,
  events,
  networks,
  nominations,
  organisations,
  workingGroups,
} from '@/db/schema';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import fr from '@/lib/i18n/messages/fr.json';
import { nominate, openCall, saveCall } from '@/lib/nominations/mutations';
import { callInputSchema, nomineeSchema } from '@/lib/nominations/validation';
import { rosterCsv, rosterRows } from '@/lib/rosters/csv';
import {
  createRoster,
  deleteRoster,
  importRoster,
  previewRosterImport,
  removeRosterEntry,
  saveRosterEntry,
} from '@/lib/rosters/mutations';
import {
  listRosters,
  rosterDetail,
  rosterEntry,
  rosterEntryForNomination,
  rosterForExport,
  rosterPicks,
} from '@/lib/rosters/queries';
import { ROSTER_FIELDS, rosterEntrySchema, rosterInputSchema } from '@/lib/rosters/validation';
import { makeViewer } from '../helpers/fixtures';

let counter = 0;
const tag = () => `${++counter}-${Date.now().toString(36)}`;

async function makeOrganisation(name: string): Promise<string> {
  const n = tag();
  const [row] = await getDb()
    .insert(organisations)
    .values({
      slug: `org-${n}`,
      nameFr: `${name} ${n}`,
      nameEn: `${name} ${n}`,
      kind: 'ministry',
      country: 'FR',
    })
    .returning({ id: organisations.id });
  return row?.id as string;
}

/** A network with two working groups. */
async function makeNetwork() {
  const n = tag();
  const [network] = await getDb()
    .insert(networks)
    .values({
      slug: `ran-${n}`,
      acronym: `RAN${n}`,
      nameFr: 'RAN',
      nameEn: 'RAN',
      kind: 'eu_network',
    })
    .returning({ id: networks.id });
  const networkId = network?.id as string;
  const groups = await getDb()
    .insert(workingGroups)
    .values([
      {
        networkId,
        slug: `ye-${n}`,
        nameFr: 'Jeunesse et éducation',
        nameEn: 'Youth & Education',
        validFrom: '2021-01-01',
      },
      { networkId, slug: `pol-${n}`, nameFr: 'Police', nameEn: 'Police', validFrom: '2021-01-01' },
    ])
    .returning({ id: workingGroups.id });
  return { networkId, youth: groups[0]?.id as string, police: groups[1]?.id as string };
}

/** Two ministries with one nominator each, and a roster of A's for a working group. */
async function setting() {
  const net = await makeNetwork();
  const orgA = await makeOrganisation('Éducation nationale');
  const orgB = await makeOrganisation('Justice');
  const nominatorA = await makeViewer([{ role: 'nominator', organisationId: orgA }]);
  const nominatorB = await makeViewer([{ role: 'nominator', organisationId: orgB }]);
  const { id: rosterId } = await createRoster(
    nominatorA,
    rosterInputSchema.parse({
      organisationId: orgA,
      year: 2027,
      scope: `${net.networkId}:${net.youth}`,
    }),
  );
  return { ...net, orgA, orgB, nominatorA, nominatorB, rosterId };
}

const HEADER = 'courriel;prénom;nom;fonction;service;groupe de travail;langue';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;

async function entriesOf(rosterId: string) {
  return getDb()
    .select()
    .from(designationRosterEntries)
    .where(eq(designationRosterEntries.rosterId, rosterId))
    .orderBy(designationRosterEntries.email);
}

async function sizeOf(rosterId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(designationRosterEntries)
    .where(eq(designationRosterEntries.rosterId, rosterId));
  return Number(row?.n);
}

async function refusal(change: () => Promise<unknown>) {
  return change().then(
    () => null,
    (e: unknown) => e,
  );
}

const entry = (email: string, extra: Record<string, unknown> = {}) =>
  rosterEntrySchema.parse({
    email,
    firstName: 'Nadia',
    lastName: 'Lefèvre',
    function: 'Inspectrice',
    locale: 'fr',
    ...extra,
  });

describe('designation rosters', () => {
  it('are created once per organisation, year and scope, and listed to their organisation only', async () => {
    const { orgA, networkId, youth, nominatorA, nominatorB, rosterId } = await setting();
    const again = await refusal(() =>
      createRoster(
        nominatorA,
        rosterInputSchema.parse({
          organisationId: orgA,
          year: 2027,
          scope: `${networkId}:${youth}`,
        }),
      ),
    );
    expect((again as ActionError).fieldErrors).toEqual({ scope: ['rosters.errors.exists'] });
    // The whole network is another roster; so is another year.
    await createRoster(
      nominatorA,
      rosterInputSchema.parse({ organisationId: orgA, year: 2027, scope: networkId }),
    );
    await createRoster(
      nominatorA,
      rosterInputSchema.parse({ organisationId: orgA, year: 2028, scope: networkId }),
    );
    const wholeAgain = await refusal(() =>
      createRoster(
        nominatorA,
        rosterInputSchema.parse({ organisationId: orgA, year: 2028, scope: networkId }),
      ),
    );
    expect(wholeAgain).toBeInstanceOf(ActionError);
    const mine = await listRosters(nominatorA, 'en');
    expect(mine).toHaveLength(3);
    expect(mine.find((r) => r.id === rosterId)?.title).toMatch(
      /^2027 — RAN.* — Youth & Education$/,
    );
    expect(await listRosters(nominatorB, 'fr')).toEqual([]);
  });

  it('refuse a working group of another network', async () => {
    const { orgA, nominatorA, networkId } = await setting();
    const other = await makeNetwork();
    const error = await refusal(() =>
      createRoster(
        nominatorA,
        rosterInputSchema.parse({
          organisationId: orgA,
          year: 2027,
          scope: `${networkId}:${other.police}`,
        }),
      ),
    );
    expect((error as ActionError).fieldErrors).toEqual({ scope: ['invalidChoice'] });
  });

  it('keep people added, edited and removed by hand, one per e-mail', async () => {
    const { nominatorA, rosterId, youth, police } = await setting();
    const { id } = await saveRosterEntry(nominatorA, rosterId, null, entry('nadia@example.org'));
    // No group given: the roster's.
    expect((await entriesOf(rosterId))[0]?.workingGroupId).toBe(youth);
    const taken = await refusal(() =>
      saveRosterEntry(nominatorA, rosterId, null, entry('Nadia@Example.org')),
    );
    expect((taken as ActionError).fieldErrors).toEqual({ email: ['rosters.errors.emailTaken'] });
    await saveRosterEntry(
      nominatorA,
      rosterId,
      id,
      entry('nadia@example.org', { function: 'Proviseure', workingGroupId: police }),
    );
    expect((await entriesOf(rosterId))[0]).toMatchObject({
      function: 'Proviseure',
      workingGroupId: police,
    });
    const foreign = await makeNetwork();
    const badGroup = await refusal(() =>
      saveRosterEntry(
        nominatorA,
        rosterId,
        id,
        entry('nadia@example.org', { workingGroupId: foreign.youth }),
      ),
    );
    expect((badGroup as ActionError).fieldErrors).toEqual({ workingGroupId: ['invalidChoice'] });
    await removeRosterEntry(nominatorA, rosterId, id);
    expect(await sizeOf(rosterId)).toBe(0);
  });

  it('are deleted whole with their people by their organisation only, and recreated afresh', async () => {
    const { nominatorA, nominatorB, rosterId, orgA, networkId, youth } = await setting();
    await saveRosterEntry(nominatorA, rosterId, null, entry('one@example.org'));
    await saveRosterEntry(nominatorA, rosterId, null, entry('two@example.org'));
    // Another organisation's nominator: as if it did not exist, nothing deleted.
    expect(await refusal(() => deleteRoster(nominatorB, rosterId))).toBeInstanceOf(NotFoundError);
    expect(await sizeOf(rosterId)).toBe(2);
    expect(await deleteRoster(nominatorA, rosterId)).toEqual({ people: 2 });
    expect(await sizeOf(rosterId)).toBe(0);
    const [left] = await getDb()
      .select({ id: designationRosters.id })
      .from(designationRosters)
      .where(eq(designationRosters.id, rosterId));
    expect(left).toBeUndefined();
    const [audit] = await getDb()
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'rosters.delete'), eq(auditLog.subjectId, rosterId)));
    expect(audit?.data).toMatchObject({ organisationId: orgA, people: 2 });
    expect(await refusal(() => deleteRoster(nominatorA, rosterId))).toBeInstanceOf(NotFoundError);
    // The same year and scope may be kept again.
    await createRoster(
      nominatorA,
      rosterInputSchema.parse({ organisationId: orgA, year: 2027, scope: `${networkId}:${youth}` }),
    );
  });

  it('preview an import without writing, then import all of it; rows already there are updated', async () => {
    const { nominatorA, rosterId, youth, police } = await setting();
    await saveRosterEntry(nominatorA, rosterId, null, entry('deja@example.org'));
    const text = csv(
      'Deja@example.org;Déjà;Là;Proviseur;;Police;fr',
      'new1@example.org;Élodie;Müller;Professeure;Lycée Hoche;;en',
      'new2@example.org;Jean;Roux;CPE;;Youth & Education;',
    );
    const preview = await previewRosterImport(nominatorA, rosterId, text);
    expect({ added: preview.added, updated: preview.updated, invalid: preview.invalid }).toEqual({
      added: 2,
      updated: 1,
      invalid: 0,
    });
    expect(await sizeOf(rosterId)).toBe(1);
    expect(await importRoster(nominatorA, rosterId, text)).toEqual({ added: 2, updated: 1 });
    const rows = await entriesOf(rosterId);
    expect(rows.map((r) => [r.email, r.function, r.workingGroupId, r.locale])).toEqual([
      ['deja@example.org', 'Proviseur', police, 'fr'],
      ['new1@example.org', 'Professeure', youth, 'en'],
      ['new2@example.org', 'CPE', youth, 'fr'],
    ]);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'rosters.import'), eq(auditLog.subjectId, rosterId)));
    expect(audit?.data).toEqual({ added: 2, updated: 1 });
  });

  it('write nothing from a file with one bad row, nor from a file that cannot be read', async () => {
    const { nominatorA, rosterId } = await setting();
    const rows = Array.from({ length: 300 }, (_, i) => `p${i}@example.org;P;${i};Prof;;;fr`);
    const bad = csv(
      ...rows,
      'pas-une-adresse;Jean;Roux;Prof;;;fr',
      'p1@example.org;Dup;Dup;Prof;;;fr',
    );
    const preview = await previewRosterImport(nominatorA, rosterId, bad);
    expect(preview.invalid).toBe(2);
    expect(preview.rows.filter((r) => r.errors.length > 0).map((r) => r.errors[0]?.key)).toEqual([
      'invalidEmail',
      'rosters.row.duplicateInFile',
    ]);
    const error = await refusal(() => importRoster(nominatorA, rosterId, bad));
    expect((error as ActionError).messageKey).toBe('rosters.errors.rowsHaveErrors');
    expect(await sizeOf(rosterId)).toBe(0);
    const wrongColumns = await refusal(() =>
      importRoster(nominatorA, rosterId, 'name;mail\nA;a@b.fr\n'),
    );
    expect((wrongColumns as ActionError).messageKey).toBe('rosters.file.missingColumns');
    expect(await sizeOf(rosterId)).toBe(0);
  });

  it('import 50,000 lines in one go, and their count matches', async () => {
    const { nominatorA, rosterId } = await setting();
    const rows = Array.from(
      { length: 50_000 },
      (_, i) =>
        `person.${i}@example.org;Prénom ${i};Nom ${i};Enseignant;Académie ${i % 30};Police;fr`,
    );
    const text = csv(...rows);
    expect(await importRoster(nominatorA, rosterId, text)).toEqual({ added: 50_000, updated: 0 });
    expect(await sizeOf(rosterId)).toBe(50_000);
    // Again: every row is an update, nothing added.
    expect(await importRoster(nominatorA, rosterId, text)).toEqual({ added: 0, updated: 50_000 });
    expect(await sizeOf(rosterId)).toBe(50_000);
  }, 120_000);

  it('export to a file that imports back into the same roster', async () => {
    const { nominatorA, orgA, networkId, rosterId, police } = await setting();
    await importRoster(
      nominatorA,
      rosterId,
      csv(
        'a@example.org;=Ann;"O\'Neil; Jr";Teacher;"Unit ""A""";Police;en',
        'b@example.org;Bé;Durand;-Chef;;;fr',
      ),
    );
    for (const locale of ['fr', 'en'] as const) {
      const exported = await rosterForExport(nominatorA, rosterId, locale);
      const header = ROSTER_FIELDS.map((f) => fr.rosters.fields[f]);
      const text = rosterCsv(header, rosterRows(exported.entries), locale);
      const { id: copyId } = await createRoster(
        nominatorA,
        rosterInputSchema.parse({
          organisationId: orgA,
          year: locale === 'fr' ? 2030 : 2031,
          scope: networkId,
        }),
      );
      // Into the same roster: all updates, nothing changes.
      const before = await entriesOf(rosterId);
      expect(await importRoster(nominatorA, rosterId, text)).toEqual({ added: 0, updated: 2 });
      const pick = (r: (typeof before)[number]) => [
        r.email,
        r.firstName,
        r.lastName,
        r.function,
        r.unit,
        r.workingGroupId,
        r.locale,
      ];
      expect((await entriesOf(rosterId)).map(pick)).toEqual(before.map(pick));
      // Into an empty roster of the same network: the same people.
      expect(await importRoster(nominatorA, copyId, text)).toEqual({ added: 2, updated: 0 });
      const copied = (await entriesOf(copyId)).map(pick);
      expect(copied).toEqual(before.map(pick));
      expect(copied[0]).toEqual([
        'a@example.org',
        '=Ann',
        "O'Neil; Jr",
        'Teacher',
        'Unit "A"',
        police,
        'en',
      ]);
    }
  });

  it('refuse every read and write of another organisation’s roster, and write nothing', async () => {
    const { orgA, nominatorA, nominatorB, rosterId, networkId } = await setting();
    const { id: entryId } = await saveRosterEntry(
      nominatorA,
      rosterId,
      null,
      entry('nadia@example.org'),
    );
    const text = csv('forged@example.org;F;F;Prof;;;fr');
    const participant = await makeViewer([]);
    const organiser = await makeViewer([{ role: 'organiser' }]);
    for (const outsider of [nominatorB, participant, organiser, null] as (Viewer | null)[]) {
      const attempts: (() => Promise<unknown>)[] = [
        () => rosterDetail(outsider, rosterId, 'fr'),
        () => rosterEntry(outsider, rosterId, entryId, 'fr'),
        () => rosterForExport(outsider, rosterId, 'fr'),
        () => previewRosterImport(outsider, rosterId, text),
        () => importRoster(outsider, rosterId, text),
        () => saveRosterEntry(outsider, rosterId, null, entry('forged@example.org')),
        () => saveRosterEntry(outsider, rosterId, entryId, entry('forged@example.org')),
        () => removeRosterEntry(outsider, rosterId, entryId),
        () => rosterPicks(outsider, crypto.randomUUID(), orgA, 'fr'),
      ];
      for (const attempt of attempts) {
        expect(await refusal(attempt)).toBeInstanceOf(NotFoundError);
      }
      expect(await rosterEntryForNomination(outsider, orgA, entryId, 'fr')).toBeNull();
      const create = await refusal(() =>
        createRoster(
          outsider,
          rosterInputSchema.parse({ organisationId: orgA, year: 2040, scope: networkId }),
        ),
      );
      expect(create).toBeInstanceOf(ForbiddenError);
    }
    // B's own organisation id with A's entry id: not found either.
    const { orgB } = { orgB: nominatorB.grants[0]?.organisationId as string };
    expect(await rosterEntryForNomination(nominatorB, orgB, entryId, 'fr')).toBeNull();
    expect((await entriesOf(rosterId)).map((e) => [e.email, e.function])).toEqual([
      ['nadia@example.org', 'Inspectrice'],
    ]);
    const rosters = await getDb()
      .select({ id: designationRosters.id })
      .from(designationRosters)
      .where(eq(designationRosters.organisationId, orgA));
    expect(rosters).toHaveLength(1);
    // An admin keeps every organisation's rosters.
    const admin = await makeViewer([{ role: 'admin' }]);
    expect((await rosterDetail(admin, rosterId, 'fr')).total).toBe(1);
  });

  it('prefill a nomination with the people of the organisation’s rosters not yet nominated', async () => {
    const { orgA, nominatorA, rosterId, youth, networkId } = await setting();
    await importRoster(
      nominatorA,
      rosterId,
      csv(
        'lea@example.org;Léa;Martin;Professeure;Lycée;;fr',
        'hugo@example.org;Hugo;Bernard;CPE;;;en',
      ),
    );
    const [event] = await getDb()
      .insert(events)
      .values({
        slug: `roster-call-${tag()}`,
        status: 'published',
        format: 'policy_practice_workshop',
        mode: 'in_person',
        city: 'Bruxelles',
        country: 'BE',
        timeZone: 'Europe/Brussels',
        startsAt: new Date('2030-06-10T07:00:00Z'),
        endsAt: new Date('2030-06-11T15:00:00Z'),
        registrationMode: 'nomination',
        // The roster's network: its working groups are the nominee's to choose from.
        networkId,
        capacity: 10,
        titleFr: 'Atelier',
        titleEn: 'Workshop',
        publishedAt: new Date(),
      })
      .returning({ id: events.id });
    const eventId = event?.id as string;
    const organiser = await makeViewer([{ role: 'organiser', eventId }]);
    const { id: callId } = await saveCall(
      organiser,
      eventId,
      callInputSchema.parse({
        profileFr: 'Enseignants.',
        profileEn: 'Teachers.',
        nominationsCloseAt: '2030-04-01T18:00',
        confirmationDeadline: '2030-04-15T18:00',
        withdrawalDeadline: '2030-05-01T18:00',
        quotas: [{ organisationId: orgA, quota: 2 }],
      }),
    );
    await openCall(organiser, eventId, {
      origin: 'http://x.test',
      now: new Date('2030-01-01T00:00:00Z'),
    });
    const picks = await rosterPicks(nominatorA, callId, orgA, 'fr');
    expect(picks.map((p) => p.email).sort()).toEqual(['hugo@example.org', 'lea@example.org']);
    expect(picks.map((p) => p.roster)).toContain(picks[0]?.roster);
    const lea = picks.find((p) => p.email === 'lea@example.org');
    const prefill = await rosterEntryForNomination(nominatorA, orgA, lea?.id as string, 'fr');
    expect(prefill).toMatchObject({
      firstName: 'Léa',
      lastName: 'Martin',
      function: 'Professeure',
      unit: 'Lycée',
      workingGroupId: youth,
      workingGroup: 'Jeunesse et éducation',
      locale: 'fr',
    });
    await nominate(
      nominatorA,
      callId,
      orgA,
      nomineeSchema.parse({ ...prefill, justification: 'Anime un atelier.' }),
      { now: new Date('2030-03-01T00:00:00Z') },
    );
    expect((await rosterPicks(nominatorA, callId, orgA, 'fr')).map((p) => p.email)).toEqual([
      'hugo@example.org',
    ]);
    const [nominated] = await getDb()
      .select({ workingGroupId: nominations.workingGroupId, unit: nominations.unit })
      .from(nominations)
      .where(and(eq(nominations.callId, callId), eq(nominations.email, 'lea@example.org')));
    expect(nominated).toEqual({ workingGroupId: youth, unit: 'Lycée' });
    expect((await rosterPicks(nominatorA, callId, orgA, 'fr', 'lé')).map((p) => p.email)).toEqual(
      [],
    );
  });
});
