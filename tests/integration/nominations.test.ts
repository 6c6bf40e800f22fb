import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  events,
  jobs,
  networks,
  nominationChanges,
  nominationQuotas,
  nominations,
  organisations,
  registrations,
  roleGrants,
  users,
  workingGroups,
} from '@/db/schema';
import { type ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import {
  decideNominations,
  declineNomination,
  expireNomineeInvitation,
  inviteNominator,
  moveNomination,
  NOMINEE_DEADLINE_QUEUE,
  nominate,
  replaceNomination,
  saveCall,
  submitNominations,
  withdrawNomination,
} from '@/lib/nominations/mutations';
import { nominationHistories } from '@/lib/nominations/queries';
import { callInputSchema, decisionSchema, nominatorSchema } from '@/lib/nominations/validation';
import { register } from '@/lib/registrations/mutations';
import { registrationInputSchema } from '@/lib/registrations/validation';
import { grantsOf, makeViewer } from '../helpers/fixtures';
import {
  BEFORE,
  callForm,
  expectRefused,
  mailsTo,
  makeEvent,
  makeOrganisation,
  next,
  nominateMany,
  ORIGIN,
  openedCall,
  person,
  statuses,
  unique,
} from '../helpers/nominations';

describe('a call for nominations', () => {
  it('is written with its quotas, opened, and each invited nominator is told in their language', async () => {
    const { eventId, callId, orgA } = await openedCall(3, 1);
    const quotas = await getDb()
      .select()
      .from(nominationQuotas)
      .where(eq(nominationQuotas.callId, callId))
      .orderBy(asc(nominationQuotas.quota));
    expect(quotas.map((q) => q.quota)).toEqual([1, 3]);
    const mails = await getDb()
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, MAIL_QUEUE),
          sql`${jobs.payload}->>'subject' like 'Appel à désignations%'`,
        ),
      );
    const ours = mails
      .map((m) => m.payload as { subject: string; text: string })
      .filter((m) => m.text.includes(`${ORIGIN}/fr/nominations`));
    expect(ours.some((m) => m.text.includes('jusqu’à 3 personne(s)'))).toBe(true);
    const [org] = await getDb().select().from(organisations).where(eq(organisations.id, orgA));
    expect(ours.some((m) => m.text.includes(org?.nameFr as string))).toBe(true);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'nominations.call.open'), eq(auditLog.subjectId, eventId)));
    expect(audit).toBeDefined();
  });

  it('is refused for an event not on nomination, to someone who does not organise it, and with bad deadlines or quotas', async () => {
    const { eventId, organiser } = await makeEvent();
    const org = await makeOrganisation('Ministère');
    const other = await makeViewer([{ role: 'organiser' }]);
    const form = callForm([{ organisationId: org, quota: 2 }]);
    await expect(saveCall(other, eventId, form)).rejects.toBeInstanceOf(ForbiddenError);
    const nominator = await makeViewer([{ role: 'nominator', organisationId: org }]);
    await expect(saveCall(nominator, eventId, form)).rejects.toBeInstanceOf(ForbiddenError);
    await getDb().update(events).set({ registrationMode: 'open' }).where(eq(events.id, eventId));
    await expectRefused(
      () => saveCall(organiser, eventId, form),
      'nominations.errors.notByNomination',
    );
    const bad = callInputSchema.safeParse({
      ...form,
      confirmationDeadline: '2030-03-01T18:00',
      quotas: [
        { organisationId: org, quota: 0 },
        { organisationId: org, quota: 2 },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(
      (bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]),
    );
    expect(messages).toMatchObject({
      confirmationDeadline: 'nominations.errors.beforeClose',
      'quotas.0.quota': 'invalidNumber',
      'quotas.1.organisationId': 'nominations.errors.organisationTwice',
    });
    // An organisation that does not exist: on its field, nothing written.
    await getDb()
      .update(events)
      .set({ registrationMode: 'nomination' })
      .where(eq(events.id, eventId));
    const ghost = callForm([{ organisationId: '00000000-0000-4000-8000-000000000000', quota: 1 }]);
    const refused = await expectRefused(
      () => saveCall(organiser, eventId, ghost),
      'actions.invalid',
    );
    expect(refused.fieldErrors).toEqual({ 'quotas.0.organisationId': ['invalidChoice'] });
  });
});

describe('nominators', () => {
  it('nominate and submit within their quota, all or none, and never for another organisation', async () => {
    const { callId, orgA, orgB, nominatorA, nominatorB } = await openedCall(2, 2);
    const drafts = await nominateMany(nominatorA, callId, orgA, 3);
    // Three for a quota of two: nothing submitted.
    const over = await expectRefused(
      () => submitNominations(nominatorA, callId, orgA, drafts, BEFORE),
      'nominations.errors.overQuota',
    );
    expect(over.params).toEqual({ quota: 2, left: 2 });
    expect(Object.values(await statuses(drafts))).toEqual(['draft', 'draft', 'draft']);
    expect(await submitNominations(nominatorA, callId, orgA, drafts.slice(0, 2), BEFORE)).toEqual({
      submitted: 2,
      late: false,
    });
    // Another organisation's nominations, or for another organisation: refused, unchanged.
    await expect(
      submitNominations(nominatorB, callId, orgB, [drafts[2] as string], BEFORE),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      nominate(nominatorB, callId, orgA, person(unique('forged')), BEFORE),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      withdrawNomination(nominatorB, drafts[0] as string, { ...BEFORE, origin: ORIGIN }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await statuses(drafts))[drafts[0] as string]).toBe('submitted');
    // A call the organisation is not invited to reads as none.
    const orgC = await makeOrganisation('Ministère des Sports');
    const nominatorC = await makeViewer([{ role: 'nominator', organisationId: orgC }]);
    await expect(
      nominate(nominatorC, callId, orgC, person(unique('uninvited')), BEFORE),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reorder their nominations while the call is open, and only their own', async () => {
    const { callId, orgA, nominatorA, nominatorB } = await openedCall(3, 3);
    const [a, b, c] = (await nominateMany(nominatorA, callId, orgA, 3)) as [string, string, string];
    await moveNomination(nominatorA, c, 'up');
    await moveNomination(nominatorA, a, 'up'); // already first: nothing moves
    const order = async () =>
      (
        await getDb()
          .select({ id: nominations.id })
          .from(nominations)
          .where(eq(nominations.callId, callId))
          .orderBy(asc(nominations.rank))
      ).map((r) => r.id);
    expect(await order()).toEqual([a, c, b]);
    await expect(moveNomination(nominatorB, a, 'down')).rejects.toBeInstanceOf(NotFoundError);
    expect(await order()).toEqual([a, c, b]);
  });

  it('cannot nominate someone already nominated by another organisation, or already registered: one is kept', async () => {
    const { eventId, callId, orgA, orgB, nominatorA, nominatorB } = await openedCall();
    const email = unique('sought-after');
    await nominate(nominatorA, callId, orgA, person(email), BEFORE);
    const refused = await expectRefused(
      () => nominate(nominatorB, callId, orgB, person(email.toUpperCase(), { firstName: 'Zoé' })),
      'nominations.errors.alreadyNominatedBy',
    );
    expect(refused.fieldErrors).toEqual({ email: ['nominations.errors.alreadyNominated'] });
    // The nominator is told which organisation has the person (in their language)…
    const [holder] = await getDb().select().from(organisations).where(eq(organisations.id, orgA));
    expect(refused.params).toEqual({
      organisation: { fr: holder?.nameFr, en: holder?.nameEn },
    });
    // …and that organisation's nominators, that someone else tried.
    const clash = (await mailsTo(nominatorA.email)).find((m) =>
      m.subject.startsWith('Une autre organisation a proposé la même personne'),
    );
    expect(clash?.text).toContain('a tenté de désigner Zoé Lefèvre');
    const clashes = async (who: string) =>
      (await mailsTo(who)).filter((m) => m.subject.startsWith('Une autre organisation')).length;
    expect(await clashes(nominatorB.email)).toBe(0);
    // Twice by the same organisation: said as such, nobody else told.
    const ours = await expectRefused(
      () => nominate(nominatorA, callId, orgA, person(email)),
      'actions.invalid',
    );
    expect(ours.fieldErrors).toEqual({ email: ['nominations.errors.alreadyNominatedByUs'] });
    expect(await clashes(nominatorA.email)).toBe(1);
    const registered = unique('registered');
    await getDb()
      .insert(registrations)
      .values({
        eventId,
        email: registered,
        firstName: 'Déjà',
        lastName: 'Inscrite',
        organisation: 'Ministère',
        function: 'Cheffe',
        country: 'FR',
        locale: 'fr',
        status: 'confirmed',
        manageTokenHash: `hash-${registered}`,
        privacyAcknowledgedAt: new Date(),
      });
    const again = await expectRefused(
      () => nominate(nominatorB, callId, orgB, person(registered), BEFORE),
      'actions.invalid',
    );
    expect(again.fieldErrors).toEqual({ email: ['nominations.errors.alreadyRegistered'] });
    const rows = await getDb().select().from(nominations).where(eq(nominations.callId, callId));
    expect(rows.map((r) => r.organisationId)).toEqual([orgA]);
  });

  it('after the deadline: refused, or taken flagged late when the call allows it; withdrawal closes at its own deadline', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall();
    const [id] = await nominateMany(nominatorA, callId, orgA, 1);
    const after = { now: new Date('2030-04-02T00:00:00Z') };
    await expectRefused(
      () => submitNominations(nominatorA, callId, orgA, [id as string], after),
      'nominations.errors.closed',
    );
    const quotas = await getDb()
      .select({ organisationId: nominationQuotas.organisationId, quota: nominationQuotas.quota })
      .from(nominationQuotas)
      .where(eq(nominationQuotas.callId, callId));
    await saveCall(organiser, eventId, callForm(quotas, { acceptsLate: true }));
    expect(await submitNominations(nominatorA, callId, orgA, [id as string], after)).toEqual({
      submitted: 1,
      late: true,
    });
    const [change] = await getDb()
      .select()
      .from(nominationChanges)
      .where(
        and(
          eq(nominationChanges.nominationId, id as string),
          eq(nominationChanges.toStatus, 'submitted'),
        ),
      );
    expect(change?.note).toBe('late');
    await expectRefused(
      () =>
        withdrawNomination(nominatorA, id as string, {
          now: new Date('2030-05-02T00:00:00Z'),
          origin: ORIGIN,
        }),
      'nominations.errors.tooLateToWithdraw',
    );
    await withdrawNomination(nominatorA, id as string, { ...after, origin: ORIGIN });
    expect((await statuses([id as string]))[id as string]).toBe('withdrawn');
  });
});

describe('organisers deciding', () => {
  it('accept within quota and capacity, reject with a reason, and a place given back moves the reserve up', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall(2, 2, 10);
    const ids = await nominateMany(nominatorA, callId, orgA, 2);
    await submitNominations(nominatorA, callId, orgA, ids, BEFORE);
    const [first, second] = ids as [string, string];
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [first], decision: 'accept' }),
      { origin: ORIGIN },
    );
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [second], decision: 'reserve' }),
      { origin: ORIGIN },
    );
    expect(decisionSchema.safeParse({ ids: [first], decision: 'reject' }).success).toBe(false);
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [first], decision: 'reject', reason: 'Profil trop éloigné.' }),
      { origin: ORIGIN },
    );
    // The place the first gave back goes to the reserve, in the same transaction.
    // Accepted nominees are invited at once (their personal link, next describe).
    expect(await statuses(ids)).toEqual({ [first]: 'rejected', [second]: 'invited' });
    const [rejected] = await getDb().select().from(nominations).where(eq(nominations.id, first));
    expect(rejected?.reason).toBe('Profil trop éloigné.');
    const history = await getDb()
      .select({ to: nominationChanges.toStatus, note: nominationChanges.note })
      .from(nominationChanges)
      .where(eq(nominationChanges.nominationId, second))
      .orderBy(asc(nominationChanges.at), asc(nominationChanges.id));
    expect(history.map((h) => h.to).sort()).toEqual([
      'accepted',
      'draft',
      'invited',
      'reserve',
      'submitted',
    ]);
    // The nominator is told of each decision, with the reason and the move from the reserve.
    const told = await mailsTo(nominatorA.email);
    const decisions = told.filter((m) => m.subject.startsWith('Décisions sur vos désignations'));
    expect(decisions).toHaveLength(3);
    const last = decisions.at(-1)?.text ?? '';
    expect(last).toContain('Non retenue');
    expect(last).toContain('Motif : Profil trop éloigné.');
    expect(last).toContain('quitte la réserve');
    expect(last).toContain(`${ORIGIN}/fr/nominations/${callId}/${orgA}`);
    // Someone else's event: refused, whatever the ids.
    const stranger = await makeViewer([{ role: 'organiser' }]);
    await expect(
      decideNominations(
        stranger,
        eventId,
        decisionSchema.parse({ ids: [second], decision: 'reject', reason: 'x' }),
        { origin: ORIGIN },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('two organisers accepting at once never pass a quota or the capacity', async () => {
    // Capacity 3 for two organisations of 3 places each: six nominees, three seats.
    const { eventId, organiser, callId, orgA, orgB, nominatorA, nominatorB } = await openedCall(
      3,
      3,
      3,
    );
    const a = await nominateMany(nominatorA, callId, orgA, 3);
    const b = await nominateMany(nominatorB, callId, orgB, 3);
    await submitNominations(nominatorA, callId, orgA, a, BEFORE);
    await submitNominations(nominatorB, callId, orgB, b, BEFORE);
    const second = await makeViewer([{ role: 'organiser', eventId }]);
    const results = await Promise.allSettled(
      [...a, ...b].map((id, i) =>
        decideNominations(
          i % 2 ? second : organiser,
          eventId,
          decisionSchema.parse({ ids: [id], decision: 'accept' }),
          { origin: ORIGIN },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect((r.reason as ActionError).messageKey).toBe('nominations.errors.capacityFull');
      }
    }
    const all = Object.values(await statuses([...a, ...b]));
    expect(all.filter((s) => s === 'invited')).toHaveLength(3);
    // A quota of one, two organisers accepting two of its nominees in bulk at once.
    const q = await openedCall(1, 1, 10);
    const [x, y] = await nominateMany(q.nominatorA, q.callId, q.orgA, 1).then(async (one) => [
      ...one,
      ...(await nominateMany(q.nominatorB, q.callId, q.orgB, 1)),
    ]);
    await submitNominations(q.nominatorA, q.callId, q.orgA, [x as string], BEFORE);
    await submitNominations(q.nominatorB, q.callId, q.orgB, [y as string], BEFORE);
    const other = await makeViewer([{ role: 'organiser', eventId: q.eventId }]);
    const twice = await Promise.allSettled([
      decideNominations(
        q.organiser,
        q.eventId,
        decisionSchema.parse({ ids: [x], decision: 'accept' }),
        { origin: ORIGIN },
      ),
      decideNominations(other, q.eventId, decisionSchema.parse({ ids: [x], decision: 'accept' }), {
        origin: ORIGIN,
      }),
    ]);
    expect(twice.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = twice.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as ActionError).messageKey).toBe('nominations.errors.cannotDecide');
  });

  it('refuses an acceptance past an organisation’s quota, naming it, and writes nothing', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall(1, 1, 10);
    const [id] = await nominateMany(nominatorA, callId, orgA, 1);
    await submitNominations(nominatorA, callId, orgA, [id as string], BEFORE);
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [id], decision: 'accept' }),
      { origin: ORIGIN },
    );
    // A late nomination beyond the quota (the quota raised, used, then lowered is refused).
    const [extra] = await getDb()
      .insert(nominations)
      .values({
        callId,
        organisationId: orgA,
        rank: 2,
        status: 'submitted',
        late: true,
        email: unique('late'),
        firstName: 'Tardif',
        lastName: 'Test',
        function: 'Agent',
        locale: 'fr',
      })
      .returning({ id: nominations.id });
    const refused = await expectRefused(
      () =>
        decideNominations(
          organiser,
          eventId,
          decisionSchema.parse({ ids: [extra?.id], decision: 'accept' }),
          { origin: ORIGIN },
        ),
      'nominations.errors.quotaFull',
    );
    expect(refused.params).toMatchObject({ quota: 1, left: 0 });
    expect((await statuses([extra?.id as string]))[extra?.id as string]).toBe('submitted');
  });
});

/** A network with two working groups in force in 2030, and one ended in 2020. */
async function makeNetwork() {
  const n = next();
  const stamp = `${n}-${Date.now().toString(36)}`;
  const [network] = await getDb()
    .insert(networks)
    .values({
      slug: `net-${stamp}`,
      acronym: `N${n}`,
      nameFr: `Réseau ${n}`,
      nameEn: `Network ${n}`,
      kind: 'eu_network',
    })
    .returning({ id: networks.id });
  const group = async (name: string, validFrom: string, validTo: string | null = null) => {
    const [row] = await getDb()
      .insert(workingGroups)
      .values({
        networkId: network?.id as string,
        slug: `${name}-${stamp}`,
        nameFr: `${name} (fr)`,
        nameEn: `${name} (en)`,
        validFrom,
        validTo,
      })
      .returning({ id: workingGroups.id });
    return row?.id as string;
  };
  return {
    networkId: network?.id as string,
    youth: await group('youth', '2024-01-01'),
    prisons: await group('prisons', '2024-01-01'),
    ended: await group('ended', '2015-01-01', '2020-12-31'),
  };
}

describe('places per country and per working group', () => {
  it('are never passed by acceptances across organisations, cannot go below the places given, and a nominee’s working group must be the event network’s', async () => {
    const { eventId, organiser, callId, orgA, orgB, nominatorA, nominatorB } = await openedCall(
      3,
      3,
      10,
    );
    const net = await makeNetwork();
    await getDb().update(events).set({ networkId: net.networkId }).where(eq(events.id, eventId));
    const base = [
      { organisationId: orgA, quota: 3 },
      { organisationId: orgB, quota: 3 },
    ];
    // Both ministries are French: two places for France, one for the youth group.
    await saveCall(
      organiser,
      eventId,
      callForm(base, {
        countryQuotas: [{ country: 'FR', quota: 2 }],
        groupQuotas: [{ workingGroupId: net.youth, quota: 1 }],
      }),
    );
    // A working group of another time or network is refused, and nothing is written.
    for (const forged of [net.ended, (await makeNetwork()).youth]) {
      const refused = await expectRefused(
        () =>
          nominate(
            nominatorA,
            callId,
            orgA,
            person(unique('forged'), { workingGroupId: forged }),
            BEFORE,
          ),
        'actions.invalid',
      );
      expect(refused.fieldErrors).toEqual({ workingGroupId: ['invalidChoice'] });
    }
    const youthA = await nominate(
      nominatorA,
      callId,
      orgA,
      person(unique('youth'), { workingGroupId: net.youth }),
      BEFORE,
    );
    const youthB = await nominate(
      nominatorB,
      callId,
      orgB,
      person(unique('youth'), { workingGroupId: net.youth }),
      BEFORE,
    );
    const [plainA] = await nominateMany(nominatorA, callId, orgA, 1);
    const [plainB] = await nominateMany(nominatorB, callId, orgB, 1);
    await submitNominations(nominatorA, callId, orgA, [youthA.id, plainA as string], BEFORE);
    await submitNominations(nominatorB, callId, orgB, [youthB.id, plainB as string], BEFORE);
    const accept = (ids: string[]) =>
      decideNominations(organiser, eventId, decisionSchema.parse({ ids, decision: 'accept' }), {
        origin: ORIGIN,
      });
    await accept([youthA.id]);
    // The youth group's one place is taken, whichever organisation asks.
    const group = await expectRefused(() => accept([youthB.id]), 'nominations.errors.groupFull');
    expect(group.params).toMatchObject({ quota: 1, left: 0 });
    await accept([plainB as string]);
    // France's two places are taken, across the two ministries.
    const country = await expectRefused(
      () => accept([plainA as string]),
      'nominations.errors.countryFull',
    );
    expect(country.params).toMatchObject({
      country: { fr: 'France', en: 'France' },
      quota: 2,
      left: 0,
    });
    expect(await statuses([youthB.id, plainA as string])).toEqual({
      [youthB.id]: 'submitted',
      [plainA as string]: 'submitted',
    });
    // Lowering a limit below the places given is refused, field by field.
    const lowered = await expectRefused(
      () =>
        saveCall(
          organiser,
          eventId,
          callForm(base, {
            countryQuotas: [{ country: 'FR', quota: 1 }],
            groupQuotas: [{ workingGroupId: net.youth, quota: 1 }],
          }),
        ),
      'actions.invalid',
    );
    expect(lowered.fieldErrors).toEqual({
      'countryQuotas.0.quota': ['nominations.errors.quotaBelowPlaces'],
    });
    // Lifting the limits lets the organiser accept again.
    await saveCall(organiser, eventId, callForm(base));
    await accept([plainA as string, youthB.id]);
    expect(Object.values(await statuses([plainA as string, youthB.id]))).toEqual([
      'invited',
      'invited',
    ]);
  });
  it('two organisers accepting nominees of two ministries of one country at once never pass its places', async () => {
    const { eventId, organiser, callId, orgA, orgB, nominatorA, nominatorB } = await openedCall(
      2,
      2,
      10,
    );
    await saveCall(
      organiser,
      eventId,
      callForm(
        [
          { organisationId: orgA, quota: 2 },
          { organisationId: orgB, quota: 2 },
        ],
        { countryQuotas: [{ country: 'FR', quota: 1 }] },
      ),
    );
    const [a] = await nominateMany(nominatorA, callId, orgA, 1);
    const [b] = await nominateMany(nominatorB, callId, orgB, 1);
    await submitNominations(nominatorA, callId, orgA, [a as string], BEFORE);
    await submitNominations(nominatorB, callId, orgB, [b as string], BEFORE);
    const second = await makeViewer([{ role: 'organiser', eventId }]);
    const results = await Promise.allSettled(
      [
        [organiser, a],
        [second, b],
      ].map(([who, id]) =>
        decideNominations(
          who as Viewer,
          eventId,
          decisionSchema.parse({ ids: [id], decision: 'accept' }),
          { origin: ORIGIN },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as ActionError).messageKey).toBe('nominations.errors.countryFull');
    expect(Object.values(await statuses([a as string, b as string])).sort()).toEqual([
      'invited',
      'submitted',
    ]);
  });
});

/** The personal link's token, as the nominee reads it in their latest mail. */
async function linkToken(email: string): Promise<string> {
  const text = (await mailsTo(email)).at(-1)?.text ?? '';
  const match = text.match(/\/register\?invitation=([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error(`no personal link in: ${text}`);
  return match[1] as string;
}

const registration = (eventId: string, email: string, token?: string) =>
  registrationInputSchema.parse({
    eventId,
    firstName: 'Nadia',
    lastName: 'Lefèvre',
    email,
    organisation: 'Ministère',
    function: 'Inspectrice',
    country: 'FR',
    locale: 'fr',
    privacyAcknowledged: true,
    invitationToken: token,
  });

describe('an accepted nominee', () => {
  it('is invited with a personal link, registers with it (confirmed, the nomination too); the link works for nobody else', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall(2, 2, 10);
    const email = unique('nominee');
    const { id } = await nominate(nominatorA, callId, orgA, person(email), BEFORE);
    await submitNominations(nominatorA, callId, orgA, [id], BEFORE);
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [id], decision: 'accept' }),
      { origin: ORIGIN },
    );
    expect((await statuses([id]))[id]).toBe('invited');
    const invitation = (await mailsTo(email)).at(-1);
    expect(invitation?.subject).toMatch(/^Vous êtes désigné·e : /);
    const token = await linkToken(email);
    // Nobody registers on this event without a link; nor with this one and another e-mail.
    await expectRefused(
      () => register(registration(eventId, unique('walk-in')), { origin: ORIGIN }),
      'registrations.errors.byNomination',
    );
    await expectRefused(
      () => register(registration(eventId, unique('borrower'), token), { origin: ORIGIN }),
      'nominations.errors.emailMismatch',
    );
    const done = await register(registration(eventId, email, token), { origin: ORIGIN });
    expect(done).toMatchObject({ outcome: 'registered', status: 'confirmed' });
    const [row] = await getDb().select().from(nominations).where(eq(nominations.id, id));
    expect(row?.status).toBe('confirmed');
    expect(row?.registrationId).toBe((done as { id: string }).id);
    const rows = await getDb()
      .select({ email: registrations.email })
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    expect(rows.map((r) => r.email)).toEqual([email]);
    // Used: the link opens nothing more.
    await expectRefused(
      () => declineNomination(token, { origin: ORIGIN }),
      'nominations.errors.linkInvalid',
    );
  });

  it('who declines frees the place for the organisation’s reserve, invited in turn, and the nominators are told', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall(2, 2, 10);
    const [first, second] = (await nominateMany(nominatorA, callId, orgA, 2)) as [string, string];
    await submitNominations(nominatorA, callId, orgA, [first, second], BEFORE);
    // One place left in the organisation's quota: the second waits in reserve.
    await getDb()
      .update(nominationQuotas)
      .set({ quota: 1 })
      .where(eq(nominationQuotas.callId, callId));
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [first], decision: 'accept' }),
      {
        origin: ORIGIN,
      },
    );
    await decideNominations(
      organiser,
      eventId,
      decisionSchema.parse({ ids: [second], decision: 'reserve' }),
      {
        origin: ORIGIN,
      },
    );
    const [nominee] = await getDb().select().from(nominations).where(eq(nominations.id, first));
    await declineNomination(await linkToken(nominee?.email as string), { origin: ORIGIN });
    expect(await statuses([first, second])).toEqual({ [first]: 'declined', [second]: 'invited' });
    const [next] = await getDb().select().from(nominations).where(eq(nominations.id, second));
    expect((await mailsTo(next?.email as string)).at(-1)?.subject).toMatch(/^Vous êtes désigné·e/);
    const told = (await mailsTo(nominatorA.email)).at(-1)?.text ?? '';
    expect(told).toContain('Déclinée');
    expect(told).toContain('quitte la réserve');
  });

  it('who does not answer by the confirmation deadline gives the place back, by a background job', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall(1, 1, 10);
    const [first, second] = (await nominateMany(nominatorA, callId, orgA, 2)) as [string, string];
    await getDb()
      .update(nominationQuotas)
      .set({ quota: 2 })
      .where(eq(nominationQuotas.callId, callId));
    await submitNominations(nominatorA, callId, orgA, [first, second], BEFORE);
    await getDb()
      .update(nominationQuotas)
      .set({ quota: 1 })
      .where(eq(nominationQuotas.callId, callId));
    const decide = (ids: string[], decision: 'accept' | 'reserve') =>
      decideNominations(organiser, eventId, decisionSchema.parse({ ids, decision }), {
        origin: ORIGIN,
      });
    await decide([first], 'accept');
    await decide([second], 'reserve');
    // The job is written with the invitation, due at the confirmation deadline.
    const [job] = await getDb()
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, NOMINEE_DEADLINE_QUEUE),
          sql`${jobs.payload}->>'nominationId' = ${first}`,
        ),
      );
    expect(job?.runAt.toISOString()).toBe('2030-04-15T16:00:00.000Z');
    // Early (the deadline was moved later meanwhile): nothing changes, the job waits.
    expect(
      await expireNomineeInvitation(first, {
        origin: ORIGIN,
        now: new Date('2030-04-10T00:00:00Z'),
      }),
    ).toBe('later');
    expect(await statuses([first, second])).toEqual({ [first]: 'invited', [second]: 'reserve' });
    const late = { origin: ORIGIN, now: new Date('2030-04-16T00:00:00Z') };
    expect(await expireNomineeInvitation(first, late)).toBe('declined');
    expect(await statuses([first, second])).toEqual({ [first]: 'declined', [second]: 'invited' });
    expect((await mailsTo(nominatorA.email)).at(-1)?.text).toContain('sans réponse');
    // Once is enough: the job running again changes nothing.
    expect(await expireNomineeInvitation(first, late)).toBe('unchanged');
  });
});

describe('nominators invited by an organiser', () => {
  it('get an account if need be, the nominator role for that organisation only, and a mail in their language; nothing for an organisation not invited or by someone else', async () => {
    const { eventId, organiser, orgA, orgB } = await openedCall();
    const email = unique('Nominator').toUpperCase();
    const input = nominatorSchema.parse({
      organisationId: orgA,
      email,
      name: 'Ada Lovelace',
      locale: 'en',
    });
    const { userId } = await inviteNominator(organiser, eventId, input, { origin: ORIGIN });
    const grants = await grantsOf(userId);
    expect(grants.map((g) => [g.role, g.organisationId, g.eventId])).toEqual([
      ['nominator', orgA, null],
    ]);
    const [user] = await getDb().select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ email: email.toLowerCase(), name: 'Ada Lovelace', locale: 'en' });
    const [mail] = await mailsTo(email.toLowerCase());
    expect(mail?.subject).toMatch(/^You are in charge of nominations/);
    expect(mail?.text).toContain(`${ORIGIN}/en/sign-in?callbackUrl=%2Fen%2Fnominations`);
    // Twice for the same organisation: refused on the e-mail, nothing more written.
    const again = await expectRefused(
      () => inviteNominator(organiser, eventId, input, { origin: ORIGIN }),
      'actions.invalid',
    );
    expect(again.fieldErrors).toEqual({ email: ['nominations.errors.alreadyNominator'] });
    // The same person for the other ministry: a second grant on the same account.
    await inviteNominator(
      organiser,
      eventId,
      { ...input, organisationId: orgB },
      { origin: ORIGIN },
    );
    expect((await grantsOf(userId)).map((g) => g.organisationId).sort()).toEqual(
      [orgA, orgB].sort(),
    );
    // An organisation not invited to this call, an organiser of another event, a nominator.
    const outsider = await makeOrganisation('Ministère de l’Intérieur');
    const stranger = unique('stranger');
    const refused = await expectRefused(
      () =>
        inviteNominator(
          organiser,
          eventId,
          { ...input, email: stranger, organisationId: outsider },
          { origin: ORIGIN },
        ),
      'actions.invalid',
    );
    expect(refused.fieldErrors).toEqual({ organisationId: ['invalidChoice'] });
    const otherOrganiser = await makeViewer([{ role: 'organiser' }]);
    const nominator = await makeViewer([{ role: 'nominator', organisationId: orgA }]);
    for (const who of [otherOrganiser, nominator, null]) {
      await expect(
        inviteNominator(who, eventId, { ...input, email: stranger }, { origin: ORIGIN }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const [ghost] = await getDb().select().from(users).where(eq(users.email, stranger));
    expect(ghost).toBeUndefined();
    const outsiderGrants = await getDb()
      .select()
      .from(roleGrants)
      .where(eq(roleGrants.organisationId, outsider));
    expect(outsiderGrants).toEqual([]);
  });
});

describe('replacing a nomination', () => {
  it('in one step keeps the rank and state; one holding a place goes back to the organisers without the reserve moving up; both people are told; after the deadline or for another organisation, refused', async () => {
    const { eventId, organiser, callId, orgA, nominatorA, nominatorB } = await openedCall(3, 3);
    const [first, second, third] = await nominateMany(nominatorA, callId, orgA, 3);
    await submitNominations(nominatorA, callId, orgA, [first, second, third] as string[], BEFORE);
    const decide = (ids: string[], decision: 'accept' | 'reserve') =>
      decideNominations(organiser, eventId, decisionSchema.parse({ ids, decision }), {
        origin: ORIGIN,
      });
    await decide([first as string], 'accept');
    await decide([third as string], 'reserve');
    const [old] = await getDb()
      .select()
      .from(nominations)
      .where(eq(nominations.id, second as string));
    // A submitted one: the new person takes rank 2, submitted.
    const newcomer = unique('newcomer');
    const { id: replacement } = await replaceNomination(
      nominatorA,
      second as string,
      person(newcomer, { firstName: 'Marie', lastName: 'Curie' }),
      BEFORE,
    );
    const [row] = await getDb().select().from(nominations).where(eq(nominations.id, replacement));
    expect(row).toMatchObject({ rank: old?.rank, status: 'submitted', replacesId: second });
    expect((await statuses([second as string]))[second as string]).toBe('replaced');
    expect((await mailsTo(old?.email as string)).at(-1)?.subject).toMatch(/retirée/);
    expect((await mailsTo(newcomer)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Vous êtes proposé·e/),
    ]);
    // An invited one (a place held): the replacement is submitted, the reserve stays.
    const { id: forInvited } = await replaceNomination(
      nominatorA,
      first as string,
      person(unique('stand-in')),
      BEFORE,
    );
    expect(await statuses([first as string, forInvited, third as string])).toEqual({
      [first as string]: 'replaced',
      [forInvited]: 'submitted',
      [third as string]: 'reserve',
    });
    // The organisers then accept the replacement within the organisation's quota.
    await decide([forInvited], 'accept');
    expect((await statuses([forInvited]))[forInvited]).toBe('invited');
    // Refused: someone already nominated, another organisation's nomination, too late.
    await expectRefused(
      () => replaceNomination(nominatorA, third as string, person(newcomer), BEFORE),
      'actions.invalid',
    );
    await expect(
      replaceNomination(nominatorB, third as string, person(unique('x')), BEFORE),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expectRefused(
      () =>
        replaceNomination(nominatorA, third as string, person(unique('late')), {
          now: new Date('2030-05-02T00:00:00Z'),
        }),
      'nominations.errors.tooLateToWithdraw',
    );
    expect((await statuses([third as string]))[third as string]).toBe('reserve');
    // The history tells it in order, who did what.
    const history = (await nominationHistories([first as string])).get(first as string) ?? [];
    expect(history.map((h) => [h.from, h.to])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'accepted'],
      ['accepted', 'invited'],
      ['invited', 'replaced'],
    ]);
    expect(history.map((h) => h.byNominator)).toEqual([true, true, false, false, true]);
    expect(history.at(-1)?.note).toMatch(/^replaced by: /);
  });
});

describe('nominees', () => {
  it('are told in their language when nominated, put in reserve, not selected or withdrawn; nominators when one registers', async () => {
    const { eventId, organiser, callId, orgA, nominatorA } = await openedCall(4, 2);
    const emails = [unique('en'), unique('reserve'), unique('rejected'), unique('withdrawn')];
    const ids: string[] = [];
    for (const [i, email] of emails.entries()) {
      ids.push(
        (
          await nominate(
            nominatorA,
            callId,
            orgA,
            person(email, { locale: i === 0 ? 'en' : 'fr' }),
            BEFORE,
          )
        ).id,
      );
    }
    const [draftOnly] = await nominateMany(nominatorA, callId, orgA, 1);
    await submitNominations(nominatorA, callId, orgA, ids, BEFORE);
    const decide = (id: string, decision: string, reason?: string) =>
      decideNominations(organiser, eventId, decisionSchema.parse({ ids: [id], decision, reason }), {
        origin: ORIGIN,
      });
    await decide(ids[1] as string, 'reserve');
    await decide(ids[2] as string, 'reject', 'Profil trop éloigné du thème.');
    await withdrawNomination(nominatorA, ids[3] as string, { origin: ORIGIN, ...BEFORE });
    await withdrawNomination(nominatorA, draftOnly as string, { origin: ORIGIN, ...BEFORE });
    const subjects = async (email: string) => (await mailsTo(email)).map((m) => m.subject);
    expect(await subjects(emails[0] as string)).toEqual([
      expect.stringMatching(/^You have been nominated for/),
    ]);
    expect(await subjects(emails[1] as string)).toEqual([
      expect.stringMatching(/^Vous êtes proposé·e/),
      expect.stringMatching(/^Vous êtes sur la liste de réserve/),
    ]);
    const rejected = await mailsTo(emails[2] as string);
    expect(rejected.at(-1)?.subject).toMatch(/^Votre désignation n’est pas retenue/);
    // The organisers' reason is the organisation's: not in the nominee's mail.
    expect(rejected.at(-1)?.text).not.toContain('Profil trop éloigné');
    expect(await subjects(emails[3] as string)).toEqual([
      expect.stringMatching(/^Vous êtes proposé·e/),
      expect.stringMatching(/^Votre désignation est retirée/),
    ]);
    // A draft withdrawn was never sent: its person hears nothing.
    const [draftRow] = await getDb()
      .select({ email: nominations.email })
      .from(nominations)
      .where(eq(nominations.id, draftOnly as string));
    expect(await mailsTo(draftRow?.email as string)).toEqual([]);
    // The English nominee accepted, registers: the nominators hear of it.
    await decide(ids[0] as string, 'accept');
    const token = await linkToken(emails[0] as string);
    const result = await register(registration(eventId, emails[0] as string, token), {
      origin: ORIGIN,
    });
    expect(result).toMatchObject({ outcome: 'registered', status: 'confirmed' });
    const nominatorMails = await mailsTo(nominatorA.email);
    expect(nominatorMails.at(-1)?.text).toMatch(/complété son inscription/);
  });
});
