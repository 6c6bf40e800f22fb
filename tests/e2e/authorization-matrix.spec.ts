import { expect, test } from '@playwright/test';
import { appUrl } from '../helpers/e2e-env';
import { closeE2eSql, sessionFor } from '../helpers/e2e-sessions';
import {
  type ActionBody,
  actionIds,
  actionOutcome,
  callAction,
  discoverActions,
  discoverPages,
  discoverRoutes,
  fill,
  type Outcome,
  urlPattern,
} from '../helpers/surface';
import {
  fresh,
  MATRIX_ROLES,
  type MatrixRole,
  rowCounts,
  type SurfaceFixtures,
  surfaceFixtures,
} from '../helpers/surface-fixtures';

// Every page, route handler method and server action × 8 roles, over HTTP against the
// production build: what each role gets, written as data. The surface is discovered from
// the code (tests/helpers/surface.ts): an item without an entry here fails the test.

test.skip(
  !process.env.TEST_DATABASE_URL,
  'needs real Postgres (sessions are made in the database)',
);

type Seen = Outcome | 'sign-in' | 'redirect';
type Row = Record<MatrixRole, Seen>;

/** Expected answers by role, in MATRIX_ROLES order. */
const row = (...seen: Seen[]): Row =>
  Object.fromEntries(MATRIX_ROLES.map((r, i) => [r, seen[i] as Seen])) as Row;
const all = (seen: Seen) => row(seen, seen, seen, seen, seen, seen, seen, seen);
//                         anon       part     nomA     nomB     chkX     orgX     orgY     admin
const PUBLIC = all('allow');
const SIGNED_IN = row('sign-in', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow');
const ADMIN_PAGE = row('sign-in', 'deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'allow');
const ORGANISER_PAGE = row('sign-in', 'deny', 'deny', 'deny', 'deny', 'allow', 'allow', 'allow');
const EVENT_X_PAGE = row('sign-in', 'deny', 'deny', 'deny', 'deny', 'allow', 'deny', 'allow');
const CHECKIN_PAGE = row('sign-in', 'deny', 'deny', 'deny', 'allow', 'allow', 'allow', 'allow');
const CHECKIN_X_PAGE = row('sign-in', 'deny', 'deny', 'deny', 'allow', 'allow', 'deny', 'allow');
const NOMINATOR_PAGE = row('sign-in', 'deny', 'allow', 'allow', 'deny', 'deny', 'deny', 'allow');
const NOMINATOR_A_PAGE = row(
  'sign-in',
  'deny',
  'allow',
  'notFound',
  'deny',
  'deny',
  'deny',
  'allow',
);

const PAGES: Record<string, Row> = {
  '/[locale]': PUBLIC,
  '/[locale]/[...rest]': all('notFound'),
  '/[locale]/accessibility': PUBLIC,
  '/[locale]/legal-notice': PUBLIC,
  '/[locale]/personal-data': PUBLIC,
  '/[locale]/events': PUBLIC,
  '/[locale]/events/[slug]': PUBLIC,
  '/[locale]/events/[slug]/register': PUBLIC,
  '/[locale]/registrations': SIGNED_IN,
  '/[locale]/registrations/[token]': PUBLIC,
  '/[locale]/my-data': SIGNED_IN,
  // Everyone signed in may open it; it says whether their roles need a second factor.
  '/[locale]/second-factor': SIGNED_IN,
  // The mail catcher's page is on in demo mode (PASSERELLE_DEMO=1, as the e2e server runs).
  '/[locale]/dev/mailbox': PUBLIC,
  '/[locale]/sign-in': PUBLIC,
  '/[locale]/sign-in/check-email': PUBLIC,
  '/[locale]/sign-in/error': PUBLIC,
  '/[locale]/sign-out': PUBLIC,
  // The admin home sends everyone on to a sub-page, which checks.
  '/[locale]/admin': all('redirect'),
  '/[locale]/admin/audit': ADMIN_PAGE,
  '/[locale]/admin/organisations': ADMIN_PAGE,
  '/[locale]/admin/rosters': ADMIN_PAGE,
  '/[locale]/admin/users/erasure': ADMIN_PAGE,
  '/[locale]/admin/users': ADMIN_PAGE,
  '/[locale]/checkin': CHECKIN_PAGE,
  '/[locale]/checkin/[eventId]': CHECKIN_X_PAGE,
  '/[locale]/checkin/[eventId]/attendance': CHECKIN_X_PAGE,
  '/[locale]/nominations': NOMINATOR_PAGE,
  '/[locale]/nominations/[callId]/[organisationId]': NOMINATOR_A_PAGE,
  '/[locale]/nominations/rosters': NOMINATOR_PAGE,
  '/[locale]/nominations/rosters/[rosterId]': NOMINATOR_A_PAGE,
  '/[locale]/organiser/dashboard': ORGANISER_PAGE,
  '/[locale]/organiser/events': ORGANISER_PAGE,
  // Creating events takes a platform-wide organiser grant; these organisers hold one event each.
  '/[locale]/organiser/events/new': ADMIN_PAGE,
  '/[locale]/organiser/events/[id]': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/dashboard': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/form': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/invitations': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/messages': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/nominations': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/outputs': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/registrations': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/registrations/[registrationId]': EVENT_X_PAGE,
  '/[locale]/organiser/events/[id]/sessions/[sessionId]': EVENT_X_PAGE,
};

type RouteEntry = { path: (fx: SurfaceFixtures) => string; init?: RequestInit; expected: Row };
const EVENT_X_ROUTE = row('deny', 'deny', 'deny', 'deny', 'deny', 'allow', 'deny', 'allow');
const ROUTES: Record<string, RouteEntry> = {
  'GET /api/auth/[...nextauth]': { path: () => '/api/auth/session', expected: PUBLIC },
  'POST /api/auth/[...nextauth]': {
    // Without the CSRF token Auth.js sends the sign-in form back: nobody signs out anyone.
    path: () => '/api/auth/signout',
    init: { method: 'POST', body: '' },
    expected: all('redirect'),
  },
  'GET /api/checkin/decoder': { path: () => '/api/checkin/decoder', expected: PUBLIC },
  'GET /api/events/[slug]/badges': {
    // Printed at the door too; whoever may not print them is told they do not exist.
    path: (fx) => `/api/events/${fx.eventX.id}/badges`,
    expected: row(
      'notFound',
      'notFound',
      'notFound',
      'notFound',
      'allow',
      'allow',
      'notFound',
      'allow',
    ),
  },
  'GET /api/events/[slug]/certificates/[holder]': {
    path: (fx) => `/api/events/${fx.eventX.id}/certificates/${fx.registrationId}`,
    // Signed in, by registration id: its holder only; anyone else is told it does not exist.
    expected: row(
      'notFound',
      'allow',
      'notFound',
      'notFound',
      'notFound',
      'notFound',
      'notFound',
      'notFound',
    ),
  },
  'GET /api/events/[slug]/exports/[kind]': {
    path: (fx) => `/api/events/${fx.eventX.id}/exports/registrations?format=csv&locale=fr`,
    expected: EVENT_X_ROUTE,
  },
  'GET /api/events/[slug]/ics': {
    path: (fx) => `/api/events/${fx.eventX.slug}/ics`,
    expected: PUBLIC,
  },
  'GET /api/events/[slug]/sessions/[sessionId]/ics': {
    path: (fx) => `/api/events/${fx.eventX.slug}/sessions/${fx.eventX.sessionId}/ics`,
    expected: PUBLIC,
  },
  'GET /api/privacy/export': {
    // The signed-in person's own data; a visitor has none to take.
    path: () => '/api/privacy/export',
    expected: row('deny', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow'),
  },
  'GET /api/privacy/registrations/[token]': {
    // Whoever holds the manage link, signed in or not.
    path: (fx) => `/api/privacy/registrations/${fx.manageToken}`,
    expected: PUBLIC,
  },
  'GET /api/rosters/[rosterId]/export': {
    path: (fx) => `/api/rosters/${fx.rosterId}/export`,
    expected: row(
      'notFound',
      'notFound',
      'allow',
      'notFound',
      'notFound',
      'notFound',
      'notFound',
      'allow',
    ),
  },
  'POST /api/events/[slug]/registrations': {
    // An empty body: a 4xx about the input for everyone (the API takes no session).
    path: () => '/api/events/webinaire-francoprev-jeunesse-2027/registrations',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    expected: PUBLIC,
  },
};

type Ctx = { fx: SurfaceFixtures; role: MatrixRole };
type ActionEntry = {
  input: (c: Ctx) => ActionBody | Promise<ActionBody>;
  expected: Row;
  /** The call ends its session: made with a session of its own. */
  ownSession?: boolean;
};
const json = (input: Record<string, unknown>): ActionBody => ({ kind: 'json', input });
const csv = (fields: Record<string, string>, text: string): ActionBody => ({
  kind: 'form',
  fields: [
    ...Object.entries(fields),
    ['file', { name: 'liste.csv', type: 'text/csv', text }] as [
      string,
      { name: string; type: string; text: string },
    ],
  ],
});
// Where the input below is incomplete, an organiser of another event (or a nominator of
// another organisation) passes the role gate and is stopped by validation, before the
// handler's scope check: those cells say 'allow' (past the gate). The cells with complete
// input (open the call, decide, scan, send certificates…) prove the scope check itself.
// A nominator who names another organisation's row is told it does not exist.
//                              anon    part    nomA    nomB    chkX    orgX    orgY    admin
const ANYONE = PUBLIC;
const MANAGE_X = row('deny', 'deny', 'deny', 'deny', 'deny', 'allow', 'deny', 'allow');
const CREATE = row('deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'allow');
const NOMINATE_A = row('deny', 'deny', 'allow', 'deny', 'deny', 'deny', 'deny', 'allow');
const SCAN_X = row('deny', 'deny', 'deny', 'deny', 'allow', 'allow', 'deny', 'allow');
const ADMIN = row('deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'allow');
const SIGNED = row('deny', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow');

const ACTIONS: Record<string, ActionEntry> = {
  'lib/auth/actions.ts#signInWithEmailAction': {
    input: () => json({ email: '' }),
    expected: ANYONE,
  },
  'lib/auth/actions.ts#signInWithOidcAction': { input: () => json({}), expected: ANYONE },
  'lib/auth/actions.ts#signOutAction': {
    input: () => json({}),
    expected: ANYONE,
    ownSession: true,
  },
  'lib/attendance/actions.ts#scanAction': {
    input: ({ fx }) =>
      json({ eventId: fx.eventX.id, code: 'inconnu', clientScanId: `scan-${Date.now()}` }),
    expected: SCAN_X,
  },
  'lib/attendance/actions.ts#undoScanAction': {
    input: ({ fx }) =>
      json({ eventId: fx.eventX.id, scanId: crypto.randomUUID(), clientScanId: 'abcdefgh1' }),
    expected: row('deny', 'deny', 'deny', 'deny', 'notFound', 'notFound', 'deny', 'notFound'),
  },
  'lib/attendance/actions.ts#inviteCheckinStaffAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id, email: `accueil.${Date.now()}@example.org` }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/events/actions.ts#createEventAction': {
    input: () => json({}),
    expected: { ...CREATE, organiserX: 'allow', organiserY: 'allow' },
  },
  'lib/events/actions.ts#updateEventAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/events/actions.ts#changeEventStatusAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id, status: 'published' }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/events/actions.ts#cancelEventAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/events/actions.ts#duplicateEventAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...CREATE, organiserX: 'allow', organiserY: 'allow' },
  },
  'lib/events/actions.ts#addSessionAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/events/actions.ts#updateSessionAction': {
    input: ({ fx }) => json({ sessionId: fx.eventX.sessionId }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/events/actions.ts#deleteSessionAction': {
    input: async ({ fx }) => json({ sessionId: await fresh.session(fx.eventX.id) }),
    expected: MANAGE_X,
  },
  'lib/mailings/actions.ts#previewMailingAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/mailings/actions.ts#testMailingAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/mailings/actions.ts#sendMailingAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/nominations/actions.ts#saveCallAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/nominations/actions.ts#openCallAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: MANAGE_X,
  },
  'lib/nominations/actions.ts#inviteNominatorAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/nominations/actions.ts#decideNominationsAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id, ids: fx.nominationId, decision: 'reserve' }),
    expected: MANAGE_X,
  },
  'lib/nominations/actions.ts#nominateAction': {
    input: ({ fx }) => json({ callId: fx.callId, organisationId: fx.orgA }),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
  'lib/nominations/actions.ts#replaceNominationAction': {
    input: ({ fx }) => json({ nominationId: fx.nominationId }),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
  'lib/nominations/actions.ts#submitNominationsAction': {
    input: ({ fx }) => json({ callId: fx.callId, organisationId: fx.orgA, ids: [] }),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
  'lib/nominations/actions.ts#withdrawNominationAction': {
    input: async ({ fx }) =>
      json({ nominationId: await fresh.nomination(fx.callId, fx.orgA, fx.users.nominatorA) }),
    expected: { ...NOMINATE_A, nominatorB: 'notFound' },
  },
  'lib/nominations/actions.ts#moveNominationAction': {
    input: ({ fx }) => json({ nominationId: fx.nominationId, direction: 'down' }),
    expected: { ...NOMINATE_A, nominatorB: 'notFound' },
  },
  'lib/nominations/actions.ts#declineNominationAction': {
    input: ({ fx }) => json({ token: fx.nominationToken }),
    expected: ANYONE,
  },
  'lib/outputs/actions.ts#sendCertificatesAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: MANAGE_X,
  },
  'lib/people/actions.ts#grantRoleAction': { input: () => json({}), expected: ADMIN },
  'lib/people/actions.ts#revokeRoleAction': { input: () => json({}), expected: ADMIN },
  'lib/registrations/actions.ts#registerAction': { input: () => json({}), expected: ANYONE },
  'lib/registrations/actions.ts#cancelRegistrationAction': {
    input: async ({ fx }) => json({ token: (await fresh.registration(fx.eventX.id)).token }),
    expected: ANYONE,
  },
  'lib/registrations/actions.ts#updateRegistrationAction': {
    input: ({ fx }) => json({ token: fx.manageToken }),
    expected: ANYONE,
  },
  'lib/registrations/actions.ts#acceptOfferAction': {
    input: ({ fx }) => json({ token: fx.manageToken }),
    expected: ANYONE,
  },
  'lib/registrations/actions.ts#reissueManageLinkAction': {
    // Incomplete on purpose: a real token would revoke the link the other cells use.
    input: () => json({}),
    expected: ANYONE,
  },
  'lib/registrations/actions.ts#revokeManageLinkAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/registrations/actions.ts#decideRegistrationsAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id, ids: fx.registrationId, decision: 'approve' }),
    expected: MANAGE_X,
  },
  'lib/registrations/actions.ts#placeInSessionAction': {
    input: ({ fx }) =>
      json({
        eventId: fx.eventX.id,
        registrationId: fx.registrationId,
        sessionId: fx.eventX.sessionId,
        place: 'place',
      }),
    expected: MANAGE_X,
  },
  'lib/privacy/actions.ts#requestErasureAction': { input: () => json({}), expected: SIGNED },
  'lib/privacy/actions.ts#erasePersonAction': { input: () => json({}), expected: ADMIN },
  'lib/privacy/actions.ts#eraseRequestAction': { input: () => json({}), expected: ADMIN },
  // Open to anyone signed in; the handlers then ask whether their roles need a second factor.
  'lib/second-factor/actions.ts#enrolAction': { input: () => json({}), expected: SIGNED },
  'lib/second-factor/actions.ts#verifyCodeAction': { input: () => json({}), expected: SIGNED },
  'lib/second-factor/actions.ts#verifyRecoveryCodeAction': {
    input: () => json({}),
    expected: SIGNED,
  },
  'lib/second-factor/actions.ts#regenerateRecoveryCodesAction': {
    input: () => json({}),
    expected: SIGNED,
  },
  'lib/second-factor/actions.ts#resetSecondFactorAction': {
    input: () => json({}),
    expected: ADMIN,
  },
  'lib/registrations/invitation-actions.ts#addInvitationAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/registrations/invitation-actions.ts#previewInvitationsAction': {
    input: ({ fx }) => csv({ eventId: fx.eventX.id }, 'email;prénom;nom\n'),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/registrations/invitation-actions.ts#importInvitationsAction': {
    input: ({ fx }) => csv({ eventId: fx.eventX.id }, 'email;prénom;nom\n'),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/registrations/invitation-actions.ts#resendInvitationAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id, invitationId: fx.invitationId }),
    expected: MANAGE_X,
  },
  'lib/registrations/invitation-actions.ts#revokeInvitationAction': {
    input: async ({ fx }) =>
      json({ eventId: fx.eventX.id, invitationId: await fresh.invitation(fx.eventX.id) }),
    expected: MANAGE_X,
  },
  'lib/registrations/invitation-actions.ts#remindInvitationsAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: MANAGE_X,
  },
  'lib/registrations/question-actions.ts#addQuestionAction': {
    input: ({ fx }) => json({ eventId: fx.eventX.id }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/registrations/question-actions.ts#updateQuestionAction': {
    input: async ({ fx }) => json({ questionId: await fresh.question(fx.eventX.id) }),
    expected: { ...MANAGE_X, organiserY: 'allow' },
  },
  'lib/registrations/question-actions.ts#deleteQuestionAction': {
    input: async ({ fx }) => json({ questionId: await fresh.question(fx.eventX.id) }),
    expected: MANAGE_X,
  },
  'lib/registrations/question-actions.ts#moveQuestionAction': {
    input: async ({ fx }) =>
      json({ questionId: await fresh.question(fx.eventX.id), direction: 'up' }),
    expected: MANAGE_X,
  },
  'lib/rosters/actions.ts#createRosterAction': {
    input: ({ fx }) => json({ organisationId: fx.orgA }),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
  'lib/rosters/actions.ts#saveRosterEntryAction': {
    input: ({ fx }) => json({ rosterId: fx.rosterId }),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
  'lib/rosters/actions.ts#removeRosterEntryAction': {
    input: async ({ fx }) =>
      json({ rosterId: fx.rosterId, entryId: await fresh.rosterEntry(fx.rosterId) }),
    expected: { ...NOMINATE_A, nominatorB: 'notFound' },
  },
  'lib/rosters/actions.ts#deleteRosterAction': {
    input: async ({ fx }) =>
      json({ rosterId: await fresh.roster(fx.orgA, fx.networkId), confirm: 'on' }),
    expected: { ...NOMINATE_A, nominatorB: 'notFound' },
  },
  'lib/rosters/actions.ts#previewRosterImportAction': {
    input: ({ fx }) => csv({ rosterId: fx.rosterId }, 'email;prénom;nom;fonction\n'),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
  'lib/rosters/actions.ts#importRosterAction': {
    input: ({ fx }) => csv({ rosterId: fx.rosterId }, 'email;prénom;nom;fonction\n'),
    expected: { ...NOMINATE_A, nominatorB: 'allow' },
  },
};

function params(fx: SurfaceFixtures, locale: string): Record<string, string> {
  return {
    locale,
    rest: 'nulle-part',
    slug: fx.eventX.slug,
    id: fx.eventX.id,
    eventId: fx.eventX.id,
    token: fx.manageToken,
    callId: fx.callId,
    organisationId: fx.orgA,
    rosterId: fx.rosterId,
    registrationId: fx.registrationId,
    sessionId: fx.eventX.sessionId,
  };
}

/** The page a role is shown: allowed, refused (403), sent to sign in, "not found"… */
async function seePage(url: string, cookie?: { name: string; value: string }): Promise<Seen> {
  const res = await fetch(appUrl(url), {
    redirect: 'manual',
    headers: cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {},
  });
  await res.arrayBuffer();
  if (res.status >= 300 && res.status < 400) {
    return /\/sign-in(\?|$)/.test(res.headers.get('location') ?? '') ? 'sign-in' : 'redirect';
  }
  return httpSeen(res.status);
}

function httpSeen(status: number): Seen {
  if (status >= 500) return 'error';
  if (status === 401 || status === 403) return 'deny';
  if (status === 404) return 'notFound';
  if (status >= 300 && status < 400) return 'redirect';
  return 'allow';
}

test('every page, route and action answers each of 8 roles as the matrix says', async () => {
  // Minutes on a loaded 2-core machine; well under on CI.
  test.setTimeout(600_000);
  const pages = discoverPages();
  const routes = discoverRoutes();
  const actions = discoverActions();
  // The matrix covers exactly what the code holds.
  expect(Object.keys(PAGES).sort()).toEqual(pages);
  expect(Object.keys(ROUTES).sort()).toEqual(routes);
  expect(Object.keys(ACTIONS).sort()).toEqual(actions);

  const fx = await surfaceFixtures(Date.now().toString(36));
  const cookies: Partial<Record<MatrixRole, { name: string; value: string }>> = {};
  for (const role of MATRIX_ROLES) {
    if (role !== 'anonymous') cookies[role] = await sessionFor(fx.users[role]);
  }
  const ids = actionIds();
  const mismatches: string[] = [];
  let cells = 0;
  let passed = 0;
  const check = (item: string, role: MatrixRole, expected: Seen, actual: Seen) => {
    cells++;
    if (expected === actual) passed++;
    else mismatches.push(`${item} as ${role}: expected ${expected}, got ${actual}`);
  };

  const started = Date.now();
  // Every role in French; in English (the same code, the locale aside) a visitor and the
  // admin, who between them take every page's gate both ways.
  const pageCells = pages.flatMap((pattern) => [
    ...MATRIX_ROLES.map((role) => ({ pattern, role, locale: 'fr' })),
    ...(['anonymous', 'admin'] as const).map((role) => ({ pattern, role, locale: 'en' })),
  ]);
  await pool(pageCells, 8, async ({ pattern, role, locale }) => {
    const url = fill(pattern, params(fx, locale));
    check(
      `${locale} ${pattern}`,
      role,
      (PAGES[pattern] as Row)[role],
      await seePage(url, cookies[role]),
    );
  });
  console.log(`pages done in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const route of routes) {
    const entry = ROUTES[route] as RouteEntry;
    await Promise.all(
      MATRIX_ROLES.map(async (role) => {
        const cookie = cookies[role];
        const res = await fetch(appUrl(entry.path(fx)), {
          redirect: 'manual',
          ...entry.init,
          headers: {
            ...(entry.init?.headers as Record<string, string>),
            ...(cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}),
          },
        });
        await res.arrayBuffer();
        const seen = httpSeen(res.status);
        // A route's 400 about the input is past its gate.
        check(
          route,
          role,
          entry.expected[role],
          res.status === 400 || res.status === 415 ? 'allow' : seen,
        );
      }),
    );
  }

  console.log(`routes done in ${Math.round((Date.now() - started) / 1000)} s`);
  // Roles one after another: a refused call must leave every count as it was.
  for (const name of actions) {
    const entry = ACTIONS[name] as ActionEntry;
    const ref = ids[name];
    if (!ref) {
      mismatches.push(`${name}: not in the build's server-reference manifest`);
      continue;
    }
    const url = fill(urlPattern(`${ref.worker}.tsx`), params(fx, 'fr'));
    // The refused roles together (nothing may change), then the allowed ones together.
    const refused = MATRIX_ROLES.filter((r) => !['allow'].includes(entry.expected[r]));
    const allowed = MATRIX_ROLES.filter((r) => entry.expected[r] === 'allow');
    for (const group of [refused, allowed]) {
      // Inputs (and their throwaway rows) and sessions first, then the counts, then the calls.
      const calls = await Promise.all(
        group.map(async (role) => ({
          role,
          body: await entry.input({ fx, role }),
          cookie:
            entry.ownSession && role !== 'anonymous'
              ? await sessionFor(fx.users[role])
              : cookies[role],
        })),
      );
      const before = await rowCounts();
      await Promise.all(
        calls.map(async ({ role, body, cookie }) => {
          const reply = await callAction(appUrl(), { id: ref.id, url }, body, cookie);
          check(name, role, entry.expected[role], actionOutcome(reply));
        }),
      );
      if (group === refused) {
        const after = await rowCounts();
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          mismatches.push(`${name}: refused calls wrote ${JSON.stringify(diff(before, after))}`);
        }
      }
    }
  }
  console.log(
    `authorization matrix: ${pages.length} pages (fr, and en for 2 roles), ${routes.length} route methods, ${actions.length} actions × ${MATRIX_ROLES.length} roles = ${cells} cells, ${passed} as expected`,
  );
  expect(mismatches).toEqual([]);
  await closeE2eSql();
});

/** Runs `work` over the items, at most `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function diff(a: Record<string, number>, b: Record<string, number>) {
  return Object.fromEntries(Object.entries(b).filter(([k, v]) => a[k] !== v));
}
