// The seeded demo data plus what the authorization matrix needs: one person per role
// (organisers of two different events, check-in staff of one), a registration, a call
// for nominations with a nomination, a roster and an invitation. Written straight to the
// run's database, so that every cell of the matrix starts from the same rows.
import crypto from 'node:crypto';
import { e2eSql } from './e2e-sessions';

export const MATRIX_ROLES = [
  'anonymous',
  'participant',
  'nominatorA',
  'nominatorB',
  'checkinX',
  'organiserX',
  'organiserY',
  'admin',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export type SurfaceFixtures = {
  users: Record<Exclude<MatrixRole, 'anonymous'>, string>;
  eventX: { id: string; slug: string; sessionId: string; questionId: string | null };
  eventY: { id: string; slug: string; sessionId: string };
  orgA: string;
  orgB: string;
  registrationId: string;
  manageToken: string;
  ticketCode: string;
  callId: string;
  nominationId: string;
  nominationToken: string;
  rosterId: string;
  rosterEntryId: string;
  invitationId: string;
  networkId: string;
};

const hash = (t: string) => crypto.createHash('sha256').update(t).digest('hex');

async function user(email: string, role?: { role: string; eventId?: string }): Promise<string> {
  const sql = e2eSql();
  const [row] = await sql<{ id: string }[]>`
    insert into users (id, email, name) values (${crypto.randomUUID()}, ${email}, ${email}) returning id`;
  const id = (row as { id: string }).id;
  if (role) {
    await sql`insert into role_grants (user_id, role, event_id) values (${id}, ${role.role}, ${role.eventId ?? null})
      on conflict do nothing`;
  }
  return id;
}

export async function surfaceFixtures(stamp: string): Promise<SurfaceFixtures> {
  const sql = e2eSql();
  const idOf = async (q: Promise<{ id: string }[]>) => {
    const [row] = await q;
    if (!row) throw new Error('fixture row missing');
    return row.id;
  };
  const byEmail = (email: string) => idOf(sql`select id from users where email = ${email}`);
  const event = async (slug: string) => {
    const id = await idOf(sql`select id from events where slug = ${slug}`);
    const sessionId = await idOf(
      sql`select id from programme_sessions where event_id = ${id} order by starts_at limit 1`,
    );
    const [q] = await sql<
      { id: string }[]
    >`select id from registration_questions where event_id = ${id} limit 1`;
    return { id, slug, sessionId, questionId: q?.id ?? null };
  };
  const eventX = await event('policy-practice-youth-education-2027');
  const eventY = await event('mental-health-working-group-2027');
  const orgA = await idOf(sql`select id from organisations where slug = 'fr-men'`);
  const orgB = await idOf(sql`select id from organisations where slug = 'fr-justice'`);
  const users = {
    participant: await byEmail('participante@passerelle.test'),
    nominatorA: await byEmail('designataire.education@passerelle.test'),
    nominatorB: await byEmail('designataire.justice@passerelle.test'),
    checkinX: await user(`accueil.${stamp}@passerelle.test`, {
      role: 'checkin_staff',
      eventId: eventX.id,
    }),
    organiserX: await user(`orga.x.${stamp}@passerelle.test`, {
      role: 'organiser',
      eventId: eventX.id,
    }),
    organiserY: await user(`orga.y.${stamp}@passerelle.test`, {
      role: 'organiser',
      eventId: eventY.id,
    }),
    admin: await byEmail('admin@passerelle.test'),
  };

  const manageToken = crypto.randomBytes(32).toString('base64url');
  const [registration] = await sql<{ id: string; ticket_code: string }[]>`
    insert into registrations (event_id, user_id, email, first_name, last_name, organisation, function,
      country, locale, status, manage_token_hash, privacy_acknowledged_at)
    values (${eventX.id}, ${users.participant}, 'participante@passerelle.test', 'Awa', 'Participante',
      'Lycée Jean-Moulin', 'Enseignante', 'FR', 'fr', 'confirmed', ${hash(manageToken)}, now())
    on conflict (event_id, email) do update set manage_token_hash = excluded.manage_token_hash
    returning id, ticket_code`;
  if (!registration) throw new Error('no registration');

  const callId = await idOf(sql`
    insert into nomination_calls (event_id, status, profile_fr, profile_en, nominations_close_at,
      confirmation_deadline, withdrawal_deadline, opened_at)
    values (${eventX.id}, 'open', 'Enseignants', 'Teachers', '2030-03-01T18:00Z', '2030-03-15T18:00Z',
      '2030-04-01T18:00Z', now())
    on conflict (event_id) do update set status = 'open' returning id`);
  for (const org of [orgA, orgB]) {
    await sql`insert into nomination_quotas (call_id, organisation_id, quota) values (${callId}, ${org}, 5)
      on conflict do nothing`;
  }
  const nominationToken = crypto.randomBytes(32).toString('base64url');
  const nominationId = await idOf(sql`
    insert into nominations (call_id, organisation_id, status, rank, email, first_name, last_name,
      function, locale, nominated_by, token_hash)
    values (${callId}, ${orgA}, 'draft', 1, ${`designe.${stamp}@example.org`}, 'Désigné', 'Premier',
      'Professeur', 'fr', ${users.nominatorA}, ${hash(nominationToken)}) returning id`);

  const networkId = await idOf(sql`select id from networks order by slug limit 1`);
  const inserted = await sql<{ id: string }[]>`
    insert into designation_rosters (organisation_id, year, network_id, created_by)
    values (${orgA}, 2031, ${networkId}, ${users.nominatorA})
    on conflict do nothing returning id`;
  const rosterId =
    inserted[0]?.id ??
    (await idOf(
      sql`select id from designation_rosters where organisation_id = ${orgA} and year = 2031`,
    ));
  const rosterEntryId = await idOf(sql`
    insert into designation_roster_entries (roster_id, email, first_name, last_name, function, locale)
    values (${rosterId}, ${`inscrit.${stamp}@example.org`}, 'Inscrit', 'Registre', 'CPE', 'fr')
    returning id`);
  const invitationId = await idOf(sql`
    insert into invitations (event_id, email, first_name, last_name, locale, token_hash, sent_at)
    values (${eventX.id}, ${`invite.${stamp}@example.org`}, 'Invité', 'Test', 'fr',
      ${hash(crypto.randomBytes(16).toString('hex'))}, now()) returning id`);
  return {
    users,
    eventX,
    eventY,
    orgA,
    orgB,
    registrationId: registration.id,
    manageToken,
    ticketCode: registration.ticket_code,
    callId,
    nominationId,
    nominationToken,
    rosterId,
    rosterEntryId,
    invitationId,
    networkId,
  };
}

/** Row counts of the tables an action may write, and of the audit log. */
export async function rowCounts(): Promise<Record<string, number>> {
  const sql = e2eSql();
  const tables = [
    'audit_log',
    'events',
    'programme_sessions',
    'registrations',
    'registration_changes',
    'registration_sessions',
    'registration_questions',
    'nomination_calls',
    'nominations',
    'nomination_changes',
    'designation_rosters',
    'designation_roster_entries',
    'invitations',
    'checkin_scans',
    'mailings',
    'role_grants',
    'jobs',
    'erasure_requests',
    'second_factors',
    'recovery_codes',
  ];
  const [row] = await sql.unsafe(
    `select ${tables.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`,
  );
  return row as Record<string, number>;
}

/** New rows for the cells whose allowed call deletes or changes its target. */
export const fresh = {
  async session(eventId: string): Promise<string> {
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into programme_sessions (event_id, type, title_fr, title_en, starts_at, ends_at)
      select ${eventId}, 'plenary', 'Séance jetable', 'Throwaway session', starts_at, starts_at + interval '1 hour'
      from events where id = ${eventId} returning id`;
    return (row as { id: string }).id;
  },
  async question(eventId: string): Promise<string> {
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into registration_questions (event_id, position, kind, label_fr, label_en)
      values (${eventId}, 99, 'short_text', 'Question jetable', 'Throwaway question') returning id`;
    return (row as { id: string }).id;
  },
  async invitation(eventId: string): Promise<string> {
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into invitations (event_id, email, first_name, last_name, locale, token_hash, sent_at)
      values (${eventId}, ${`jetable.${crypto.randomUUID()}@example.org`}, 'Invité', 'Jetable', 'fr',
        ${hash(crypto.randomUUID())}, now()) returning id`;
    return (row as { id: string }).id;
  },
  async nomination(callId: string, orgId: string, by: string): Promise<string> {
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into nominations (call_id, organisation_id, status, rank, email, first_name, last_name, function, locale, nominated_by)
      values (${callId}, ${orgId}, 'draft', 50, ${`jetable.${crypto.randomUUID()}@example.org`}, 'Désigné', 'Jetable', 'CPE', 'fr', ${by})
      returning id`;
    return (row as { id: string }).id;
  },
  async rosterEntry(rosterId: string): Promise<string> {
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into designation_roster_entries (roster_id, email, first_name, last_name, function, locale)
      values (${rosterId}, ${`jetable.${crypto.randomUUID()}@example.org`}, 'Inscrit', 'Jetable', 'CPE', 'fr') returning id`;
    return (row as { id: string }).id;
  },
  async roster(orgId: string, networkId: string): Promise<string> {
    const year = 2000 + Math.floor(Math.random() * 100);
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into designation_rosters (organisation_id, year, network_id) values (${orgId}, ${year}, ${networkId})
      on conflict do nothing returning id`;
    if (!row) return fresh.roster(orgId, networkId);
    return row.id;
  },
  async registration(eventId: string): Promise<{ id: string; token: string }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const [row] = await e2eSql()<{ id: string }[]>`
      insert into registrations (event_id, email, first_name, last_name, organisation, function,
        country, locale, status, manage_token_hash, privacy_acknowledged_at)
      values (${eventId}, ${`jetable.${crypto.randomUUID()}@example.org`}, 'Inscrite', 'Jetable', 'ONG', 'Chargée',
        'FR', 'fr', 'confirmed', ${hash(token)}, now()) returning id`;
    return { id: (row as { id: string }).id, token };
  },
};
