import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, selectRows } from '@/db/client';
import { networks } from '@/db/schema';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import { holdsAnywhere, type Viewer } from '@/lib/auth/permissions';
import {
  decideNominations,
  declineNomination,
  inviteNominator,
  moveNomination,
  nominate,
  openCall,
  replaceNomination,
  saveCall,
  submitNominations,
  withdrawNomination,
} from '@/lib/nominations/mutations';
import {
  callForEditing,
  callNominators,
  callReview,
  callsForNominator,
  groupQuotaUse,
  nominatorCall,
} from '@/lib/nominations/queries';
import { decisionSchema, nominatorSchema } from '@/lib/nominations/validation';
import {
  createRoster,
  deleteRoster,
  importRoster,
  previewRosterImport,
  removeRosterEntry,
  saveRosterEntry,
} from '@/lib/rosters/mutations';
import { listRosters, rosterDetail, rosterPicks } from '@/lib/rosters/queries';
import { rosterEntrySchema, rosterInputSchema } from '@/lib/rosters/validation';
import { makeViewer } from '../helpers/fixtures';
import {
  BEFORE,
  callForm,
  makeEvent,
  makeOrganisation,
  nominateMany,
  ORIGIN,
  openedCall,
  person,
  unique,
} from '../helpers/nominations';

// Every nominations page and server action, against every role: what each may do, and
// what each is refused (403 or, where even the existence of the thing is a secret, 404),
// with nothing written by a refusal. The pages and actions are found in the code, so a
// new one without a line here fails this test.

const ROLES = [
  'anonymous',
  'participant',
  'nominatorA',
  'nominatorB',
  'checkinX',
  'organiserX',
  'organiserY',
  'admin',
] as const;
type Role = (typeof ROLES)[number];
type Outcome = 'allow' | 'forbidden' | 'notFound' | 'refused';

/** An event X on nomination with an open call for ministries A and B, and everyone's account. */
async function world() {
  const call = await openedCall(3, 3);
  const [draftA, submittedA] = (await nominateMany(call.nominatorA, call.callId, call.orgA, 2)) as [
    string,
    string,
  ];
  await submitNominations(call.nominatorA, call.callId, call.orgA, [submittedA], BEFORE);
  // A's designation roster for a network, with one person.
  const [network] = await getDb()
    .insert(networks)
    .values({
      slug: unique('net'),
      acronym: 'RAN',
      nameFr: 'RAN',
      nameEn: 'RAN',
      kind: 'eu_network',
    })
    .returning({ id: networks.id });
  const networkId = network?.id as string;
  const { id: rosterId } = await createRoster(
    call.nominatorA,
    rosterInputSchema.parse({ organisationId: call.orgA, year: 2030, scope: networkId }),
  );
  const { id: rosterEntryId } = await saveRosterEntry(
    call.nominatorA,
    rosterId,
    null,
    rosterEntry(unique('rostered')),
  );
  const eventY = await makeEvent();
  const viewers: Record<Role, Viewer | null> = {
    anonymous: null,
    participant: await makeViewer([]),
    nominatorA: call.nominatorA,
    nominatorB: call.nominatorB,
    checkinX: await makeViewer([{ role: 'checkin_staff', eventId: call.eventId }]),
    organiserX: call.organiser,
    organiserY: eventY.organiser,
    admin: await makeViewer([{ role: 'admin' }]),
  };
  return { ...call, draftA, submittedA, networkId, rosterId, rosterEntryId, viewers };
}
type World = Awaited<ReturnType<typeof world>>;

const rosterEntry = (email: string) =>
  rosterEntrySchema.parse({
    email,
    firstName: 'Léa',
    lastName: 'Martin',
    function: 'CPE',
    locale: 'fr',
  });
const rosterFile = () => `email;prénom;nom;fonction\n${unique('imported')};Jean;Roux;Professeur\n`;

/** Who may, by role; everyone else gets `denied`. */
type Entry = {
  allowed: Role[];
  denied: Exclude<Outcome, 'allow'>;
  run: (viewer: Viewer | null, w: World) => Promise<unknown>;
  /** What an allowed viewer must get back, when it says more than "no error". */
  check?: (result: unknown, w: World, role: Role) => void;
  /** A world of its own, when the action needs another starting point. */
  setup?: () => Promise<World>;
};

const ORGANISERS: Role[] = ['organiserX', 'admin'];
const NOMINATORS_OF_A: Role[] = ['nominatorA', 'admin'];

/** The nominations pages (by file), each with the reads it makes for its viewer. */
const PAGES: Record<string, Entry> = {
  'app/[locale]/(site)/(nominator)/nominations/page.tsx': {
    // The page lets in those who nominate anywhere, then lists their organisations' calls.
    allowed: ['nominatorA', 'nominatorB', 'admin'],
    denied: 'forbidden',
    run: async (viewer) => {
      if (!viewer || !holdsAnywhere(viewer, 'nominations.nominate')) throw new ForbiddenError();
      return callsForNominator(viewer, 'fr');
    },
    check: (result, w, role) => {
      const organisations = (result as { organisationId: string }[]).map((c) => c.organisationId);
      const expected = { nominatorA: [w.orgA], nominatorB: [w.orgB] } as Record<string, string[]>;
      expect(organisations).toEqual(expected[role] ?? []);
    },
  },
  'app/[locale]/(site)/(nominator)/nominations/[callId]/[organisationId]/page.tsx': {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: async (viewer, w) => {
      const call = await nominatorCall(viewer, w.callId, w.orgA, 'fr');
      // The people of A's rosters that the nominator may pick.
      await rosterPicks(viewer, w.callId, w.orgA, 'fr');
      return call;
    },
    check: (result, w) => {
      const call = result as { nominations: { organisationId: string }[] };
      expect(call.nominations.length).toBe(2);
      expect(new Set(call.nominations.map((n) => n.organisationId))).toEqual(new Set([w.orgA]));
    },
  },
  'app/[locale]/(site)/(nominator)/nominations/rosters/page.tsx': {
    // Those who nominate anywhere, each shown their organisations' rosters only.
    allowed: ['nominatorA', 'nominatorB', 'admin'],
    denied: 'forbidden',
    run: async (viewer) => {
      if (!viewer || !holdsAnywhere(viewer, 'nominations.nominate')) throw new ForbiddenError();
      return listRosters(viewer, 'fr');
    },
    check: (result, w, role) => {
      const ids = (result as { id: string }[]).map((r) => r.id);
      if (role === 'nominatorB') expect(ids).toEqual([]);
      else expect(ids).toContain(w.rosterId);
    },
  },
  'app/[locale]/(site)/(nominator)/nominations/rosters/[rosterId]/page.tsx': {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => rosterDetail(viewer, w.rosterId, 'fr'),
    check: (result) => expect((result as { total: number }).total).toBe(1),
  },
  'app/[locale]/(site)/(organiser)/organiser/events/[id]/nominations/page.tsx': {
    allowed: ORGANISERS,
    denied: 'forbidden',
    run: async (viewer, w) => {
      const call = await callForEditing(viewer, w.eventId);
      const review = await callReview(viewer, w.eventId, 'fr');
      await groupQuotaUse(viewer, w.eventId, 'fr');
      await callNominators(viewer, w.eventId, 'fr');
      return { call, review };
    },
    check: (result, w) => {
      const { call, review } = result as { call: { id: string }; review: unknown[] };
      expect(call.id).toBe(w.callId);
      expect(review).toHaveLength(2);
    },
  },
};

/** The roster server actions (by export), each with the mutation it calls. */
const ROSTER_ACTIONS: Record<string, Entry> = {
  createRosterAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'forbidden',
    run: (viewer, w) =>
      createRoster(
        viewer,
        rosterInputSchema.parse({ organisationId: w.orgA, year: 2031, scope: w.networkId }),
      ),
  },
  saveRosterEntryAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => saveRosterEntry(viewer, w.rosterId, null, rosterEntry(unique('added'))),
  },
  removeRosterEntryAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => removeRosterEntry(viewer, w.rosterId, w.rosterEntryId),
  },
  previewRosterImportAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => previewRosterImport(viewer, w.rosterId, rosterFile()),
  },
  deleteRosterAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => deleteRoster(viewer, w.rosterId),
  },
  importRosterAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => importRoster(viewer, w.rosterId, rosterFile()),
  },
};

/** The nominations server actions (by export), each with the mutation it calls. */
const ACTIONS: Record<string, Entry> = {
  saveCallAction: {
    allowed: ORGANISERS,
    denied: 'forbidden',
    run: (viewer, w) =>
      saveCall(
        viewer,
        w.eventId,
        callForm([
          { organisationId: w.orgA, quota: 3 },
          { organisationId: w.orgB, quota: 1 },
        ]),
      ),
  },
  openCallAction: {
    allowed: ORGANISERS,
    denied: 'forbidden',
    // A call saved, not yet opened.
    setup: async () => {
      const w = await world();
      const draft = await makeEvent();
      const org = await makeOrganisation('Ministère');
      await saveCall(draft.organiser, draft.eventId, callForm([{ organisationId: org, quota: 1 }]));
      const viewers = { ...w.viewers, organiserX: draft.organiser };
      return { ...w, eventId: draft.eventId, viewers };
    },
    run: (viewer, w) =>
      openCall(viewer, w.eventId, { origin: ORIGIN, now: new Date('2030-01-01T00:00:00Z') }),
  },
  inviteNominatorAction: {
    allowed: ORGANISERS,
    denied: 'forbidden',
    run: (viewer, w) =>
      inviteNominator(
        viewer,
        w.eventId,
        nominatorSchema.parse({ organisationId: w.orgA, email: unique('nominator'), locale: 'fr' }),
        { origin: ORIGIN },
      ),
  },
  decideNominationsAction: {
    allowed: ORGANISERS,
    denied: 'forbidden',
    run: (viewer, w) =>
      decideNominations(
        viewer,
        w.eventId,
        decisionSchema.parse({ ids: [w.submittedA], decision: 'reserve' }),
        { origin: ORIGIN },
      ),
  },
  nominateAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'forbidden',
    run: (viewer, w) => nominate(viewer, w.callId, w.orgA, person(unique('nominee')), BEFORE),
  },
  replaceNominationAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => replaceNomination(viewer, w.draftA, person(unique('stand-in')), BEFORE),
  },
  submitNominationsAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'forbidden',
    run: (viewer, w) => submitNominations(viewer, w.callId, w.orgA, [w.draftA], BEFORE),
  },
  withdrawNominationAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => withdrawNomination(viewer, w.draftA, { origin: ORIGIN, ...BEFORE }),
  },
  moveNominationAction: {
    allowed: NOMINATORS_OF_A,
    denied: 'notFound',
    run: (viewer, w) => moveNomination(viewer, w.submittedA, 'down'),
  },
  declineNominationAction: {
    // Open to anyone holding the nominee's personal link, and to nobody without it,
    // whatever their role.
    allowed: [],
    denied: 'refused',
    run: () => declineNomination('A'.repeat(43), { origin: ORIGIN }),
  },
};

const root = path.resolve(__dirname, '../..');

function discoveredPages(): string[] {
  return (fs.readdirSync(path.join(root, 'app'), { recursive: true }) as string[])
    .map((f) => path.join('app', f))
    .filter((f) => f.endsWith('page.tsx') && f.split(path.sep).includes('nominations'));
}

function discoveredActions(file = 'lib/nominations/actions.ts'): string[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  return [...source.matchAll(/export const (\w+) = defineAction/g)].map((m) => m[1] as string);
}

const TABLES = [
  'nomination_calls',
  'nomination_quotas',
  'nomination_group_quotas',
  'nominations',
  'nomination_changes',
  'role_grants',
  'users',
  'jobs',
  'audit_log',
  'designation_rosters',
  'designation_roster_entries',
];

/** Row counts of every table a nominations action writes to. */
async function counts(): Promise<Record<string, number>> {
  const [row] = await selectRows<Record<string, number>>(
    getDb(),
    sql.raw(`select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`),
  );
  return Object.fromEntries(TABLES.map((t) => [t, Number(row?.[t])]));
}

async function outcomeOf(run: () => Promise<unknown>): Promise<[Outcome, unknown]> {
  try {
    return ['allow', await run()];
  } catch (error) {
    if (error instanceof NotFoundError) return ['notFound', error];
    if (error instanceof ForbiddenError) return ['forbidden', error];
    if (error instanceof ActionError) return ['refused', error];
    throw error;
  }
}

describe('the nominations authorization matrix', () => {
  it('has a line for every nominations page and server action in the code', () => {
    expect(discoveredPages().sort()).toEqual(Object.keys(PAGES).sort());
    expect(discoveredActions().sort()).toEqual(Object.keys(ACTIONS).sort());
    expect(discoveredActions('lib/rosters/actions.ts').sort()).toEqual(
      Object.keys(ROSTER_ACTIONS).sort(),
    );
  });

  for (const [kind, table] of [
    ['page', PAGES],
    ['action', ACTIONS],
    ['action', ROSTER_ACTIONS],
  ] as const) {
    for (const [name, entry] of Object.entries(table)) {
      it(`${kind} ${name}: ${entry.allowed.join(', ') || 'no role'} allowed; the others ${entry.denied}, nothing written`, async () => {
        const setup = entry.setup ?? world;
        const shared = await setup();
        const seen: Record<string, Outcome> = {};
        const expected: Record<string, Outcome> = {};
        for (const role of ROLES) {
          const allowed = entry.allowed.includes(role);
          expected[role] = allowed ? 'allow' : entry.denied;
          // Each allowed viewer acts on a world of their own; refusals share one.
          const w = allowed ? await setup() : shared;
          const before = allowed ? null : await counts();
          const [outcome, result] = await outcomeOf(() => entry.run(w.viewers[role], w));
          seen[role] = outcome;
          if (outcome === 'allow') entry.check?.(result, w, role);
          if (before) expect(await counts(), `${role} wrote nothing`).toEqual(before);
        }
        expect(seen).toEqual(expected);
      });
    }
  }
});
