import { and, asc, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, events, invitations, jobs, registrations } from '@/db/schema';
import { seed } from '@/db/seed';
import { ActionError, ForbiddenError } from '@/lib/auth/errors';
import { eventAccessById, eventAccessBySlug, getEventPage } from '@/lib/events/queries';
import { registerJobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/worker';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { invitationForRegistration, listInvitations } from '@/lib/registrations/invitation-queries';
import {
  type InvitationCsvRow,
  inviteeSchema,
  parseInvitationCsv,
} from '@/lib/registrations/invitation-validation';
import {
  addInvitation,
  INVITATION_REMINDER_QUEUE,
  importInvitations,
  previewInvitations,
  REMINDER_PAUSE_MS,
  reminderDueAt,
  remindIfDue,
  remindUnregistered,
  resendInvitation,
  revokeInvitation,
} from '@/lib/registrations/invitations';
import { hashToken, newManageToken, register } from '@/lib/registrations/mutations';
import { registrationInputSchema } from '@/lib/registrations/validation';
import { makeViewer } from '../helpers/fixtures';

const ORIGIN = 'http://passerelle.test';
const DAY = 24 * 3600_000;
let counter = 0;

beforeAll(async () => {
  await seed();
});

type EventOverrides = Partial<typeof events.$inferInsert>;

/** A published event on invitation only, registration open now, with `capacity` seats. */
async function makeEvent(overrides: EventOverrides = {}): Promise<string> {
  const n = ++counter;
  const [row] = await getDb()
    .insert(events)
    .values({
      slug: `invitation-test-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'working_group_meeting',
      mode: 'in_person',
      venueName: 'Hôtel de Beauvau',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-03-10T08:00:00Z'),
      endsAt: new Date('2030-03-10T16:00:00Z'),
      registrationMode: 'invitation',
      capacity: 2,
      titleFr: `Réunion restreinte ${n}`,
      titleEn: `Closed meeting ${n}`,
      ...overrides,
    })
    .returning({ id: events.id });
  return row?.id as string;
}

const unique = (name: string) => `${name}.${++counter}@example.org`;

async function organiserOf(eventId: string) {
  return makeViewer([{ role: 'organiser', eventId }]);
}

type Mail = { subject: string; text: string; html?: string; to: string; locale?: string };

async function mailsTo(email: string): Promise<Mail[]> {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email}`))
    .orderBy(asc(jobs.createdAt));
  return rows.map((r) => r.payload as Mail);
}

/** The invitation link's token, as the invitee reads it in their latest mail. */
async function invitationToken(email: string): Promise<string> {
  const text = (await mailsTo(email)).at(-1)?.text ?? '';
  const match = text.match(/\/register\?invitation=([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1] as string;
}

async function invitationsOf(eventId: string) {
  return getDb()
    .select()
    .from(invitations)
    .where(eq(invitations.eventId, eventId))
    .orderBy(asc(invitations.email));
}

/** Every row an invitation or a registration writes, to prove a refusal wrote nothing. */
async function written() {
  const db = getDb();
  const [i] = await db.select({ n: count() }).from(invitations);
  const [r] = await db.select({ n: count() }).from(registrations);
  const [j] = await db.select({ n: count() }).from(jobs);
  return {
    invitations: i?.n,
    registrations: r?.n,
    jobs: j?.n,
    rows: await db.select().from(invitations).orderBy(invitations.id),
  };
}

async function expectRefused(change: () => Promise<unknown>, key: string) {
  const before = await written();
  const error = await change().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).messageKey).toBe(key);
  expect(await written()).toEqual(before);
  return error as ActionError;
}

function registration(eventId: string, email: string, extra: Record<string, unknown> = {}) {
  return registrationInputSchema.parse({
    eventId,
    firstName: 'Amina',
    lastName: 'Benali',
    email,
    organisation: 'Ministère de la Justice',
    function: 'Éducatrice PJJ',
    country: 'FR',
    locale: 'fr',
    privacyAcknowledged: 'on',
    ...extra,
  });
}

function csv(...lines: string[]) {
  return lines.join('\r\n');
}

async function importCsv(
  eventId: string,
  text: string,
  viewer?: Awaited<ReturnType<typeof makeViewer>>,
) {
  const who = viewer ?? (await organiserOf(eventId));
  const parsed = parseInvitationCsv(text);
  expect(parsed.fileError).toBeNull();
  const rows = await previewInvitations(who, eventId, parsed.rows);
  return { who, rows, result: await importInvitations(who, eventId, rows, { origin: ORIGIN }) };
}

describe('a file of invitations', () => {
  it('is read with quotes, semicolons, a BOM and French headers, then imported: one invitation and one mail each, in their language', async () => {
    const eventId = await makeEvent();
    const [a, b, c] = [unique('a'), unique('b'), unique('c')];
    const text = `\uFEFF${csv(
      'Prénom;Nom;Courriel;Organisme;Langue',
      `"Jean-Luc";"D'Arcy; de Vries";${a.toUpperCase()};"Ministère ""Intérieur""";fr`,
      `Maria;Schmidt;${b};;English`,
      ` Thi Mai ;Ngo;${c};ISD;`,
      '',
    )}`;
    const parsed = parseInvitationCsv(text);
    expect(parsed.fileError).toBeNull();
    expect(parsed.rows.map((r) => r.errors)).toEqual([[], [], []]);
    expect(parsed.rows[0]?.invitee).toEqual({
      email: a,
      firstName: 'Jean-Luc',
      lastName: "D'Arcy; de Vries",
      organisation: 'Ministère "Intérieur"',
      locale: 'fr',
    });
    expect(parsed.rows[1]?.invitee).toMatchObject({ organisation: null, locale: 'en' });
    expect(parsed.rows[2]?.invitee).toMatchObject({ firstName: 'Thi Mai', locale: 'fr' });
    const organiser = await organiserOf(eventId);
    const preview = await previewInvitations(organiser, eventId, parsed.rows);
    expect(preview.every((r) => r.errors.length === 0)).toBe(true);
    expect(await invitationsOf(eventId)).toHaveLength(0);

    await importInvitations(organiser, eventId, preview, { origin: ORIGIN });
    const rows = await invitationsOf(eventId);
    expect(rows.map((r) => [r.email, r.locale, r.createdBy])).toEqual(
      [
        [a, 'fr', organiser.id],
        [b, 'en', organiser.id],
        [c, 'fr', organiser.id],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const [mailA] = await mailsTo(a);
    expect(mailA?.subject).toMatch(/^Invitation : Réunion restreinte/);
    expect(mailA?.text).toContain('Bonjour Jean-Luc,');
    const token = await invitationToken(a);
    expect(mailA?.text).toContain(
      `${ORIGIN}/fr/events/${(await getDb().select().from(events).where(eq(events.id, eventId)))[0]?.slug}/register?invitation=${token}`,
    );
    expect(mailA?.html).toContain(`href="${ORIGIN}/fr/events/`);
    expect(mailA?.html).toContain('Réunion restreinte');
    const [mailB] = await mailsTo(b);
    expect(mailB?.subject).toMatch(/^Invitation: Closed meeting/);
    expect(mailB?.text).toContain('/en/events/');
    // Only the hash of each link is kept.
    const rowA = rows.find((r) => r.email === a);
    expect(rowA?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    // An automatic reminder is queued for each.
    const reminders = await getDb()
      .select()
      .from(jobs)
      .where(eq(jobs.queue, INVITATION_REMINDER_QUEUE));
    const ids = new Set(rows.map((r) => r.id));
    expect(
      reminders.filter((j) => ids.has((j.payload as { invitationId: string }).invitationId)),
    ).toHaveLength(3);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'invitations.import'), eq(auditLog.subjectId, eventId)));
    expect(audit?.data).toEqual({ count: 3 });
  });

  it('with a bad row anywhere writes nothing, and says what is wrong on each row', async () => {
    const eventId = await makeEvent();
    const organiser = await organiserOf(eventId);
    const [a, b] = [unique('a'), unique('b')];
    await addInvitation(
      organiser,
      eventId,
      inviteeSchema.parse({ email: b, firstName: 'B', lastName: 'B', locale: 'fr' }),
      { origin: ORIGIN },
    );
    const registeredEmail = unique('registered');
    await getDb().update(events).set({ registrationMode: 'open' }).where(eq(events.id, eventId));
    await register(registration(eventId, registeredEmail), { origin: ORIGIN });
    await getDb()
      .update(events)
      .set({ registrationMode: 'invitation' })
      .where(eq(events.id, eventId));
    const parsed = parseInvitationCsv(
      csv(
        'email,first name,last name,organisation,language',
        `${a},Ann,Lee,,en`,
        'not-an-email,Bob,Lee,,',
        `${unique('x')},,Lee,,`,
        `${a.toUpperCase()},Ann,Again,,`,
        `${b},Bea,Known,,`,
        `${registeredEmail},Reg,Istered,,`,
        `${unique('y')},Yan,Lee,,de`,
        `${unique('z')},<b>Zoe</b>,Lee,,`,
        `${unique('w')},"Two\nlines",Lee,,`,
        `${unique('v')},Val,Lee,,fr`,
      ),
    );
    expect(parsed.fileError).toBeNull();
    const preview = await previewInvitations(organiser, eventId, parsed.rows);
    expect(preview.map((r) => [r.line, r.errors.map((e) => `${e.field}:${e.key}`)])).toEqual([
      [2, []],
      [3, ['email:invalidEmail']],
      [4, ['firstName:required']],
      [5, ['email:registrations.invitations.row.duplicateInFile']],
      [6, ['email:registrations.invitations.row.alreadyInvited']],
      [7, ['email:registrations.invitations.row.alreadyRegistered']],
      [8, ['locale:registrations.invitations.row.language']],
      [9, ['firstName:noHtml']],
      [10, ['firstName:invalidCharacters']],
      [12, []],
    ]);
    expect(preview[3]?.errors[0]?.params).toEqual({ line: 2 });
    await expectRefused(
      () => importInvitations(organiser, eventId, preview, { origin: ORIGIN }),
      'registrations.invitations.errors.rowsHaveErrors',
    );
    // Rows that were clean when checked but are taken by the time of the import: nothing.
    const clean = parseInvitationCsv(csv('email,first name,last name', `${b},Bea,Known`));
    await expectRefused(
      () => importInvitations(organiser, eventId, clean.rows, { origin: ORIGIN }),
      'registrations.invitations.errors.changed',
    );
    expect(await mailsTo(a)).toHaveLength(0);
  });

  it('that cannot be read as a whole gets one error for the file', () => {
    const key = (text: string) => parseInvitationCsv(text).fileError?.key.split('.').at(-1);
    expect(key('')).toBe('empty');
    expect(key('email,first name,last name\n')).toBe('noRows');
    expect(key('email,prénom\nx@example.org,X')).toBe('missingColumns');
    expect(key('email,courriel,first name,last name\na,b,c,d')).toBe('duplicateColumn');
    expect(key('email,first name,last name\n"x@example.org,X,Y')).toBe('malformed');
    const many = ['email,first name,last name'];
    for (let i = 0; i < 2001; i++) many.push(`p${i}@example.org,P,Q`);
    expect(parseInvitationCsv(many.join('\n')).fileError).toEqual({
      key: 'registrations.invitations.file.tooManyRows',
      params: { max: 2000, count: 2001 },
    });
    expect(key(`email,first name,last name\n${'x'.repeat(600 * 1024)}`)).toBe('tooLarge');
  });
});

describe('an invitee', () => {
  async function invited(eventId: string, email: string, locale: 'fr' | 'en' = 'fr') {
    const organiser = await organiserOf(eventId);
    await addInvitation(
      organiser,
      eventId,
      inviteeSchema.parse({ email, firstName: 'Amina', lastName: 'Benali', locale }),
      { origin: ORIGIN },
    );
    return { organiser, token: await invitationToken(email) };
  }

  it('registers with their link, confirmed while seats remain, and the invitation is marked used', async () => {
    const eventId = await makeEvent({ capacity: 1 });
    const [a, b] = [unique('a'), unique('b')];
    const { token } = await invited(eventId, a);
    expect(await invitationForRegistration(eventId, token)).toMatchObject({
      email: a,
      firstName: 'Amina',
      lastName: 'Benali',
    });
    expect(await invitationForRegistration(await makeEvent(), token)).toBeNull();
    const result = await register(
      registration(eventId, a.toUpperCase(), { invitationToken: token }),
      {
        origin: ORIGIN,
      },
    );
    expect(result).toMatchObject({ outcome: 'registered', status: 'confirmed' });
    const [row] = await invitationsOf(eventId);
    expect(row?.registrationId).toBe(result.id);
    expect((await mailsTo(a)).at(-1)?.subject).toMatch(/^Inscription confirmée/);
    // The next one, over capacity, is waitlisted.
    const { token: tokenB } = await invited(eventId, b);
    expect(
      await register(registration(eventId, b, { invitationToken: tokenB }), { origin: ORIGIN }),
    ).toMatchObject({ outcome: 'registered', status: 'waitlisted' });
    // A second use of a used link answers like any second registration: the link again.
    const again = await register(registration(eventId, a, { invitationToken: token }), {
      origin: ORIGIN,
    });
    expect(again).toEqual({ outcome: 'already_registered', id: result.id });
    expect((await mailsTo(a)).at(-1)?.subject).toMatch(/^Votre lien d’inscription/);
    const listed = await listInvitations(await organiserOf(eventId), eventId, 1);
    expect(listed.counts).toEqual({ invited: 2, registered: 2, pending: 0, revoked: 0 });
    expect(listed.items.map((i) => i.state)).toEqual(['registered', 'registered']);
  });

  it('registering at the same moment, each is answered on their own: a lent link is refused, the others are registered', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const people = [unique('a'), unique('b'), unique('c')];
    const tokens: string[] = [];
    for (const email of people) tokens.push((await invited(eventId, email)).token);
    const stranger = unique('stranger');
    // Sent together, they are written in one transaction, which the lent link fails.
    const results = await Promise.allSettled([
      ...people.map((email, i) =>
        register(registration(eventId, email, { invitationToken: tokens[i] }), { origin: ORIGIN }),
      ),
      register(registration(eventId, stranger, { invitationToken: tokens[0] }), { origin: ORIGIN }),
    ]);
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const refused = results[3] as PromiseRejectedResult;
    expect((refused.reason as ActionError).messageKey).toBe(
      'registrations.errors.invitationEmailMismatch',
    );
    const rows = await getDb()
      .select({ email: registrations.email })
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    expect(rows.map((r) => r.email).sort()).toEqual([...people].sort());
    expect(await mailsTo(stranger)).toEqual([]);
    expect((await invitationsOf(eventId)).every((i) => i.registrationId !== null)).toBe(true);
  });

  it('cannot lend the link: another e-mail, no link, a withdrawn or replaced link are refused, writing nothing', async () => {
    const eventId = await makeEvent();
    const [a, other] = [unique('a'), unique('other')];
    const { organiser, token } = await invited(eventId, a);
    await expectRefused(
      () => register(registration(eventId, other, { invitationToken: token }), { origin: ORIGIN }),
      'registrations.errors.invitationEmailMismatch',
    );
    await expectRefused(
      () => register(registration(eventId, a), { origin: ORIGIN }),
      'registrations.errors.byInvitation',
    );
    await expectRefused(
      () =>
        register(registration(eventId, a, { invitationToken: 'A'.repeat(43) }), { origin: ORIGIN }),
      'registrations.errors.invitationInvalid',
    );
    // Another event's link does not open this one.
    const elsewhere = await makeEvent();
    const { token: foreign } = await invited(elsewhere, a);
    await expectRefused(
      () => register(registration(eventId, a, { invitationToken: foreign }), { origin: ORIGIN }),
      'registrations.errors.invitationInvalid',
    );
    // Sent again: the old link stops working, the new one works.
    const [row] = await invitationsOf(eventId);
    await resendInvitation(organiser, eventId, row?.id as string, { origin: ORIGIN });
    const fresh = await invitationToken(a);
    expect(fresh).not.toBe(token);
    await expectRefused(
      () => register(registration(eventId, a, { invitationToken: token }), { origin: ORIGIN }),
      'registrations.errors.invitationInvalid',
    );
    expect(await invitationForRegistration(eventId, token)).toBeNull();
    // Withdrawn: refused, and the page does not show the form.
    await revokeInvitation(organiser, eventId, row?.id as string);
    expect(await invitationForRegistration(eventId, fresh)).toBeNull();
    await expectRefused(
      () => register(registration(eventId, a, { invitationToken: fresh }), { origin: ORIGIN }),
      'registrations.errors.invitationRevoked',
    );
    // Invited again: a new link that works.
    await resendInvitation(organiser, eventId, row?.id as string, { origin: ORIGIN });
    const third = await invitationToken(a);
    expect(
      await register(registration(eventId, a, { invitationToken: third }), { origin: ORIGIN }),
    ).toMatchObject({ outcome: 'registered' });
    // Once registered, the invitation can be neither withdrawn nor sent again.
    await expectRefused(
      () => revokeInvitation(organiser, eventId, row?.id as string),
      'registrations.invitations.errors.used',
    );
    await expectRefused(
      () => resendInvitation(organiser, eventId, row?.id as string, { origin: ORIGIN }),
      'registrations.invitations.errors.used',
    );
  });
});

describe('at the same time', () => {
  it('the same file imported twice at once is imported once, the other refused whole', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const organiser = await organiserOf(eventId);
    const emails = [unique('a'), unique('b'), unique('c')];
    const { rows } = parseInvitationCsv(
      csv('email,first name,last name', ...emails.map((e) => `${e},F,L`)),
    );
    const outcomes = await Promise.allSettled([
      importInvitations(organiser, eventId, rows, { origin: ORIGIN }),
      importInvitations(organiser, eventId, rows, { origin: ORIGIN }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({
      messageKey: 'registrations.invitations.errors.changed',
    });
    expect(await invitationsOf(eventId)).toHaveLength(3);
    for (const e of emails) expect(await mailsTo(e)).toHaveLength(1);
  });

  it('one link submitted many times at once makes one registration', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const email = unique('eager');
    await importCsv(eventId, csv('email,first name,last name', `${email},E,G`));
    const token = await invitationToken(email);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        register(registration(eventId, email, { invitationToken: token }), { origin: ORIGIN }),
      ),
    );
    expect(results.filter((r) => r.outcome === 'registered')).toHaveLength(1);
    const regs = await getDb()
      .select()
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    expect(regs).toHaveLength(1);
    expect((await invitationsOf(eventId))[0]?.registrationId).toBe(regs[0]?.id);
  });
});

describe('reminders', () => {
  it('go only to invitees who have not registered and were not withdrawn, with a new link', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const [waiting, registeredEmail, withdrawn, en] = [
      unique('waiting'),
      unique('registered'),
      unique('withdrawn'),
      unique('en'),
    ];
    const sentAt = new Date();
    const { who } = await importCsv(
      eventId,
      csv(
        'email,first name,last name,language',
        `${waiting},W,A,fr`,
        `${registeredEmail},R,B,fr`,
        `${withdrawn},X,C,fr`,
        `${en},E,D,en`,
      ),
    );
    await register(
      registration(eventId, registeredEmail, {
        invitationToken: await invitationToken(registeredEmail),
      }),
      { origin: ORIGIN },
    );
    const rows = await invitationsOf(eventId);
    await revokeInvitation(who, eventId, rows.find((r) => r.email === withdrawn)?.id as string);
    const oldLink = await invitationToken(waiting);
    // Straight after the invitations: nobody is reminded twice in an hour.
    expect(await remindUnregistered(who, eventId, { origin: ORIGIN })).toEqual({
      reminded: 0,
      skipped: 2,
    });
    const later = new Date(sentAt.getTime() + REMINDER_PAUSE_MS + 1000);
    expect(await remindUnregistered(who, eventId, { origin: ORIGIN, now: later })).toEqual({
      reminded: 2,
      skipped: 0,
    });
    expect((await mailsTo(waiting)).at(-1)?.subject).toMatch(/^Rappel — invitation : /);
    expect((await mailsTo(en)).at(-1)?.subject).toMatch(/^Reminder — invitation: /);
    expect((await mailsTo(registeredEmail)).some((m) => /Rappel/.test(m.subject))).toBe(false);
    expect((await mailsTo(withdrawn)).some((m) => /Rappel/.test(m.subject))).toBe(false);
    // The reminder's link replaces the invitation's.
    const newLink = await invitationToken(waiting);
    expect(await invitationForRegistration(eventId, oldLink)).toBeNull();
    expect(await invitationForRegistration(eventId, newLink)).not.toBeNull();
    const listed = await listInvitations(who, eventId, 1);
    expect(listed.counts).toEqual({ invited: 3, registered: 1, pending: 2, revoked: 1 });
    expect(
      Object.fromEntries(listed.items.map((i) => [i.email, [i.state, i.reminderCount]])),
    ).toEqual({
      [waiting]: ['reminded', 1],
      [registeredEmail]: ['registered', 0],
      [withdrawn]: ['revoked', 0],
      [en]: ['reminded', 1],
    });
  });

  it('are sent once by the background job when due, and not at all after registration', async () => {
    const eventId = await makeEvent({
      capacity: 10,
      registrationClosesAt: new Date('2030-03-01T12:00:00Z'),
    });
    const [late, keen] = [unique('late'), unique('keen')];
    await importCsv(eventId, csv('email,first name,last name', `${late},L,A`, `${keen},K,B`));
    const rows = await invitationsOf(eventId);
    const sentAt = rows[0]?.sentAt as Date;
    const due = reminderDueAt(sentAt, {
      registrationClosesAt: new Date('2030-03-01T12:00:00Z'),
      startsAt: new Date('2030-03-10T08:00:00Z'),
    });
    expect(due?.getTime()).toBe(sentAt.getTime() + 7 * DAY);
    const ids = rows.map((r) => r.id);
    const queued = await getDb()
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, INVITATION_REMINDER_QUEUE),
          sql`${jobs.payload}->>'invitationId' in (${sql.join(ids, sql`, `)})`,
        ),
      );
    expect(queued.map((j) => j.runAt.getTime())).toEqual([due?.getTime(), due?.getTime()]);
    // Early, it changes nothing but moves itself to the due time.
    expect(await remindIfDue(ids[0] as string, { origin: ORIGIN })).toBe('rescheduled');
    await register(registration(eventId, keen, { invitationToken: await invitationToken(keen) }), {
      origin: ORIGIN,
    });
    // Time passes: the jobs fall due and the worker runs them.
    await getDb()
      .update(invitations)
      .set({ sentAt: new Date(Date.now() - 8 * DAY) })
      .where(eq(invitations.eventId, eventId));
    await getDb()
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(
        and(
          eq(jobs.queue, INVITATION_REMINDER_QUEUE),
          sql`${jobs.payload}->>'invitationId' in (${sql.join(ids, sql`, `)})`,
        ),
      );
    registerJobHandlers();
    for (let ran = 1; ran > 0; ) {
      const summary = await runDueJobs(100);
      expect(summary.dead).toBe(0);
      ran = summary.done + summary.retried + summary.dead;
    }
    const reminders = (email: string) =>
      mailsTo(email).then((ms) => ms.filter((m) => m.subject.startsWith('Rappel')));
    expect(await reminders(late)).toHaveLength(1);
    expect(await reminders(keen)).toHaveLength(0);
    // Once only: a job run again changes nothing.
    for (const id of ids) expect(await remindIfDue(id, { origin: ORIGIN })).toBe('unchanged');
    expect(await reminders(late)).toHaveLength(1);
  });

  it('fall 2 days before registration closes when that is sooner, and not at all when too close', () => {
    const sentAt = new Date('2030-02-01T12:00:00Z');
    const startsAt = new Date('2030-03-10T08:00:00Z');
    expect(
      reminderDueAt(sentAt, { registrationClosesAt: new Date('2030-02-05T12:00:00Z'), startsAt }),
    ).toEqual(new Date('2030-02-03T12:00:00Z'));
    expect(
      reminderDueAt(sentAt, { registrationClosesAt: new Date('2030-02-03T18:00:00Z'), startsAt }),
    ).toBeNull();
    expect(reminderDueAt(sentAt, { registrationClosesAt: null, startsAt })).toEqual(
      new Date('2030-02-08T12:00:00Z'),
    );
  });
});

describe('who may invite', () => {
  it('only the event’s organisers and admins; anyone else is refused and nothing is written', async () => {
    const eventId = await makeEvent();
    const elsewhere = await makeEvent();
    const strangers = [
      await makeViewer([]),
      await makeViewer([{ role: 'organiser', eventId: elsewhere }]),
      await makeViewer([{ role: 'organiser' }]),
      null,
    ];
    const person = inviteeSchema.parse({
      email: unique('p'),
      firstName: 'P',
      lastName: 'Q',
      locale: 'fr',
    });
    const rows: InvitationCsvRow[] = parseInvitationCsv(
      csv('email,first name,last name', `${unique('f')},F,G`),
    ).rows;
    const organiser = await organiserOf(eventId);
    const { id } = await addInvitation(organiser, eventId, person, { origin: ORIGIN });
    const before = await written();
    for (const viewer of strangers) {
      for (const change of [
        () => addInvitation(viewer, eventId, person, { origin: ORIGIN }),
        () => previewInvitations(viewer, eventId, rows),
        () => importInvitations(viewer, eventId, rows, { origin: ORIGIN }),
        () => resendInvitation(viewer, eventId, id, { origin: ORIGIN }),
        () => revokeInvitation(viewer, eventId, id),
        () => remindUnregistered(viewer, eventId, { origin: ORIGIN }),
        () => listInvitations(viewer, eventId, 1),
      ]) {
        await expect(change()).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
    // An organiser of the other event cannot reach this event's invitation through theirs.
    const other = await organiserOf(elsewhere);
    await expect(revokeInvitation(other, elsewhere, id)).rejects.toMatchObject({
      messageKey: 'actions.notFound',
    });
    expect(await written()).toEqual(before);
    const admin = await makeViewer([{ role: 'admin' }]);
    await revokeInvitation(admin, eventId, id);
  });

  it('only for a published event on invitation only, and a person once', async () => {
    const person = () =>
      inviteeSchema.parse({ email: unique('p'), firstName: 'P', lastName: 'Q', locale: 'en' });
    const open = await makeEvent({ registrationMode: 'open' });
    await expectRefused(
      async () => addInvitation(await organiserOf(open), open, person(), { origin: ORIGIN }),
      'registrations.invitations.errors.notInvitationMode',
    );
    const draft = await makeEvent({ status: 'draft' });
    await expectRefused(
      async () => addInvitation(await organiserOf(draft), draft, person(), { origin: ORIGIN }),
      'registrations.invitations.errors.notPublished',
    );
    const closed = await makeEvent({ registrationClosesAt: new Date(Date.now() - DAY) });
    await expectRefused(
      async () => addInvitation(await organiserOf(closed), closed, person(), { origin: ORIGIN }),
      'registrations.errors.closed',
    );
    const eventId = await makeEvent();
    const organiser = await organiserOf(eventId);
    const p = person();
    await addInvitation(organiser, eventId, p, { origin: ORIGIN });
    const error = await expectRefused(
      () => addInvitation(organiser, eventId, { ...p, firstName: 'Other' }, { origin: ORIGIN }),
      'actions.invalid',
    );
    expect(error.fieldErrors).toEqual({
      email: ['registrations.invitations.errors.alreadyInvited'],
    });
  });
});

describe('a restricted event', () => {
  it('opens to its invitee’s link and to signed-in registrants, and to nobody else', async () => {
    const eventId = await makeEvent({ confidentiality: 'restricted' });
    const [event] = await getDb().select().from(events).where(eq(events.id, eventId));
    const slug = event?.slug as string;
    const organiser = await organiserOf(eventId);
    const email = unique('invitee');
    await addInvitation(
      organiser,
      eventId,
      inviteeSchema.parse({ email, firstName: 'Nadia', lastName: 'Haddad', locale: 'fr' }),
      { origin: ORIGIN },
    );
    const token = await invitationToken(email);
    expect((await getEventPage(slug, null, 'fr')).access).toBe('sign_in');
    expect((await getEventPage(slug, null, 'fr', newManageToken().token)).access).toBe('sign_in');
    expect((await getEventPage(slug, null, 'fr', token)).access).toBe('ok');
    expect((await eventAccessBySlug(slug, null, token)).id).toBe(eventId);
    expect((await eventAccessById(eventId, null, token)).access).toBe('ok');
    expect((await eventAccessById(eventId, null)).access).toBe('sign_in');
    const stranger = await makeViewer();
    expect((await getEventPage(slug, stranger, 'fr')).access).toBe('not_found');
    await register(registration(eventId, email, { invitationToken: token }), { origin: ORIGIN });
    const invitee = await makeViewer([], email);
    expect((await getEventPage(slug, invitee, 'fr')).access).toBe('ok');
    // A revoked link opens nothing.
    const other = unique('revoked');
    const { id } = await addInvitation(
      organiser,
      eventId,
      inviteeSchema.parse({ email: other, firstName: 'R', lastName: 'R', locale: 'fr' }),
      { origin: ORIGIN },
    );
    const revokedToken = await invitationToken(other);
    await revokeInvitation(organiser, eventId, id);
    expect((await getEventPage(slug, null, 'fr', revokedToken)).access).toBe('sign_in');
  });
});
