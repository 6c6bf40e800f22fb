import { and, asc, count, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { getDb } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import {
  events,
  type NominationCallRow,
  nominationCalls,
  nominationChanges,
  nominationGroupQuotas,
  nominationQuotas,
  nominations,
  organisations,
  registrations,
  roleGrants,
  users,
  workingGroups,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import { allows, type Viewer } from '@/lib/auth/permissions';
import { type LockedEvent, lockEvent } from '@/lib/events/lock';
import { zonedLocalToUtc } from '@/lib/events/time';
import { enqueue } from '@/lib/jobs/queue';
import { queueMails } from '@/lib/mail/outbox';
import { eventWorkingGroups } from '@/lib/networks/queries';
import type { Locale } from '@/lib/people/enums';
import { grantByEmail } from '@/lib/people/mutations';
import { SEAT_HOLDING } from '@/lib/registrations/enums';
import { hashToken, newManageToken } from '@/lib/registrations/tokens';
import { type NominationStatus, PLACE_GIVEN, PLACE_HOLDING, QUOTA_HOLDING } from './enums';
import {
  composeCallOpenedMail,
  composeClashMail,
  composeDecisionsMail,
  composeNominatorInvitedMail,
  composeNomineeInvitedMail,
  composeNomineeNoticeMail,
  type NomineeNotice,
} from './mail';
import { callGroupLimits, callQuotas, groupPlacesHeld } from './queries';
import type { CallInput, DecisionInput, NominatorInput, Nominee } from './validation';

type Options = { now?: Date };

async function recordChanges(
  tx: Transaction,
  rows: { id: string; from: NominationStatus | null; to: NominationStatus }[],
  actorId: string | null,
  note: string | null = null,
) {
  if (rows.length === 0) return;
  await tx.insert(nominationChanges).values(
    rows.map((r) => ({
      nominationId: r.id,
      fromStatus: r.from,
      toStatus: r.to,
      actorId,
      note,
      // The time of each row, not of the transaction: changes made together (accepted,
      // then invited) keep their order in the history.
      at: sql`clock_timestamp()`,
    })),
  );
}

async function callOfEvent(tx: Transaction, eventId: string) {
  const [call] = await tx
    .select()
    .from(nominationCalls)
    .where(eq(nominationCalls.eventId, eventId));
  return call ?? null;
}

/** Live nominations per organisation of a call, by status group. */
async function quotaUse(tx: Transaction, callId: string, statuses: readonly NominationStatus[]) {
  const rows = await tx
    .select({ organisationId: nominations.organisationId, n: count() })
    .from(nominations)
    .where(and(eq(nominations.callId, callId), inArray(nominations.status, [...statuses])))
    .groupBy(nominations.organisationId);
  return new Map(rows.map((r) => [r.organisationId, Number(r.n)]));
}

/**
 * Writes the call for nominations of an event on nomination: its profile, deadlines
 * (typed in the event's time zone) and the organisations invited, each with its quota.
 * A quota cannot go below the nominations an organisation has made, nor an organisation
 * be dropped while it has some.
 */
export async function saveCall(
  viewer: Viewer | null,
  eventId: string,
  input: CallInput,
): Promise<{ id: string }> {
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (event.registrationMode !== 'nomination') {
      throw new ActionError('nominations.errors.notByNomination');
    }
    const ids = input.quotas.map((q) => q.organisationId);
    const known = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(inArray(organisations.id, ids));
    const knownIds = new Set(known.map((o) => o.id));
    const fieldErrors: Record<string, string[]> = {};
    input.quotas.forEach((q, i) => {
      if (!knownIds.has(q.organisationId)) {
        fieldErrors[`quotas.${i}.organisationId`] = ['invalidChoice'];
      }
    });
    const groupIds = input.groupQuotas.map((g) => g.workingGroupId);
    const knownGroups = new Set(
      groupIds.length === 0
        ? []
        : (
            await tx
              .select({ id: workingGroups.id })
              .from(workingGroups)
              .where(inArray(workingGroups.id, groupIds))
          ).map((g) => g.id),
    );
    input.groupQuotas.forEach((g, i) => {
      if (!knownGroups.has(g.workingGroupId)) {
        fieldErrors[`groupQuotas.${i}.workingGroupId`] = ['invalidChoice'];
      }
    });
    if (Object.keys(fieldErrors).length > 0) throw new ActionError('actions.invalid', fieldErrors);
    const at = (local: string) => zonedLocalToUtc(local, event.timeZone);
    const values = {
      profileFr: input.profileFr,
      profileEn: input.profileEn,
      nominationsCloseAt: at(input.nominationsCloseAt),
      confirmationDeadline: at(input.confirmationDeadline),
      withdrawalDeadline: at(input.withdrawalDeadline),
      acceptsLate: input.acceptsLate,
    };
    const existing = await callOfEvent(tx, eventId);
    let callId: string;
    if (existing) {
      callId = existing.id;
      // Nominations made count against the quotas they were made within.
      const used = await quotaUse(tx, callId, [...QUOTA_HOLDING]);
      const wanted = new Map(input.quotas.map((q) => [q.organisationId, q.quota]));
      input.quotas.forEach((q, i) => {
        if ((used.get(q.organisationId) ?? 0) > q.quota) {
          fieldErrors[`quotas.${i}.quota`] = ['nominations.errors.quotaBelowNominations'];
        }
      });
      for (const [organisationId, n] of used) {
        if (n > 0 && !wanted.has(organisationId)) {
          fieldErrors.quotas = ['nominations.errors.organisationHasNominations'];
        }
      }
      // Places already given stay given: a group quota cannot go below them.
      const held = await groupPlacesHeld(tx, callId);
      input.countryQuotas.forEach((q, i) => {
        if ((held.byCountry.get(q.country) ?? 0) > q.quota) {
          fieldErrors[`countryQuotas.${i}.quota`] = ['nominations.errors.quotaBelowPlaces'];
        }
      });
      input.groupQuotas.forEach((q, i) => {
        if ((held.byGroup.get(q.workingGroupId) ?? 0) > q.quota) {
          fieldErrors[`groupQuotas.${i}.quota`] = ['nominations.errors.quotaBelowPlaces'];
        }
      });
      if (Object.keys(fieldErrors).length > 0) {
        throw new ActionError('actions.invalid', fieldErrors);
      }
      await tx.update(nominationCalls).set(values).where(eq(nominationCalls.id, callId));
      // Quotas are written again below; those of organisations that nominated stay (an
      // organisation dropped while it has nominations was refused above).
      await tx
        .delete(nominationQuotas)
        .where(
          and(
            eq(nominationQuotas.callId, callId),
            sql`${nominationQuotas.organisationId} not in (select n.organisation_id from nominations n where n.call_id = ${callId})`,
          ),
        );
    } else {
      const [row] = await tx
        .insert(nominationCalls)
        .values({ eventId, ...values, createdBy: viewer.id })
        .returning({ id: nominationCalls.id });
      if (!row) throw new Error('insert returned nothing');
      callId = row.id;
    }
    await tx
      .insert(nominationQuotas)
      .values(
        input.quotas.map((q) => ({ callId, organisationId: q.organisationId, quota: q.quota })),
      )
      .onConflictDoUpdate({
        target: [nominationQuotas.callId, nominationQuotas.organisationId],
        set: { quota: sql`excluded.quota` },
      });
    await tx.delete(nominationGroupQuotas).where(eq(nominationGroupQuotas.callId, callId));
    const groupQuotas = [
      ...input.countryQuotas.map((q) => ({ callId, country: q.country, quota: q.quota })),
      ...input.groupQuotas.map((q) => ({
        callId,
        workingGroupId: q.workingGroupId,
        quota: q.quota,
      })),
    ];
    if (groupQuotas.length > 0) await tx.insert(nominationGroupQuotas).values(groupQuotas);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: existing ? 'nominations.call.update' : 'nominations.call.create',
      subjectType: 'event',
      subjectId: eventId,
      data: {
        quotas: input.quotas.length,
        countryQuotas: input.countryQuotas.length,
        groupQuotas: input.groupQuotas.length,
      },
    });
    return { id: callId };
  });
}

/**
 * Opens the call: nominators of every organisation invited get a mail (in their
 * language) with the profile sought, their quota and the deadline.
 */
export async function openCall(
  viewer: Viewer | null,
  eventId: string,
  options: Options & { origin: string },
): Promise<{ mailed: number }> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const call = await callOfEvent(tx, eventId);
    if (!call) throw new NotFoundError();
    if (call.status === 'open') throw new ActionError('nominations.errors.alreadyOpen');
    if (event.status !== 'published' || call.nominationsCloseAt <= now) {
      throw new ActionError('nominations.errors.cannotOpen');
    }
    await tx
      .update(nominationCalls)
      .set({ status: 'open', openedAt: call.openedAt ?? now })
      .where(eq(nominationCalls.id, call.id));
    const nominators = await tx
      .select({
        email: users.email,
        name: users.name,
        locale: users.locale,
        quota: nominationQuotas.quota,
        organisationFr: organisations.nameFr,
        organisationEn: organisations.nameEn,
      })
      .from(nominationQuotas)
      .innerJoin(organisations, eq(organisations.id, nominationQuotas.organisationId))
      .innerJoin(
        roleGrants,
        and(
          eq(roleGrants.organisationId, nominationQuotas.organisationId),
          eq(roleGrants.role, 'nominator'),
          isNull(roleGrants.eventId),
        ),
      )
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(eq(nominationQuotas.callId, call.id))
      .orderBy(asc(users.email));
    const eventRow = await eventForMail(tx, eventId);
    await queueMails(
      tx,
      nominators.map((n) => composeCallOpenedMail(n, eventRow, call, options.origin)),
    );
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'nominations.call.open',
      subjectType: 'event',
      subjectId: eventId,
      data: { nominators: nominators.length },
    });
    return { mailed: nominators.length };
  });
}

async function eventForMail(tx: Transaction, eventId: string) {
  const [row] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!row) throw new NotFoundError();
  return row;
}

/** The open call of `callId` that the viewer may nominate to for this organisation. */
async function callForNominator(tx: Transaction, callId: string, organisationId: string) {
  const [row] = await tx
    .select({ call: nominationCalls, quota: nominationQuotas.quota })
    .from(nominationCalls)
    .innerJoin(
      nominationQuotas,
      and(
        eq(nominationQuotas.callId, nominationCalls.id),
        eq(nominationQuotas.organisationId, organisationId),
      ),
    )
    .where(eq(nominationCalls.id, callId));
  // Not invited, or not theirs: the same answer, nothing told about the call.
  if (!row || row.call.status === 'draft') throw new NotFoundError();
  // One organisation's nominators, one at a time: ranks and quota stay consistent.
  await tx
    .select({ id: nominationQuotas.id })
    .from(nominationQuotas)
    .where(
      and(eq(nominationQuotas.callId, callId), eq(nominationQuotas.organisationId, organisationId)),
    )
    .for('update');
  return row;
}

async function refuseTaken(
  tx: Transaction,
  callId: string,
  eventId: string,
  email: string,
  claimantId: string,
) {
  const [registered] = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.email, email)));
  if (registered) {
    throw new ActionError('actions.invalid', { email: ['nominations.errors.alreadyRegistered'] });
  }
  const [nominated] = await tx
    .select({
      organisationId: nominations.organisationId,
      nameFr: organisations.nameFr,
      nameEn: organisations.nameEn,
    })
    .from(nominations)
    .innerJoin(organisations, eq(organisations.id, nominations.organisationId))
    .where(
      and(
        eq(nominations.callId, callId),
        eq(nominations.email, email),
        sql`${nominations.status} not in ('rejected', 'declined', 'withdrawn', 'replaced')`,
      ),
    );
  if (nominated?.organisationId === claimantId) {
    throw new ActionError('actions.invalid', {
      email: ['nominations.errors.alreadyNominatedByUs'],
    });
  }
  if (nominated) throw new NominatedElsewhereError(nominated);
}

/**
 * The person is already nominated for the call by another organisation, named to the
 * nominator; that organisation's nominators are told too. The first nomination is kept.
 */
class NominatedElsewhereError extends ActionError {
  constructor(readonly holder: { organisationId: string; nameFr: string; nameEn: string }) {
    super(
      'nominations.errors.alreadyNominatedBy',
      { email: ['nominations.errors.alreadyNominated'] },
      { organisation: { fr: holder.nameFr, en: holder.nameEn } },
    );
  }
}

/**
 * Tells the nominators of the organisation whose nomination was kept that another
 * organisation tried to nominate the same person (after that attempt was refused).
 */
async function tellHolderOfClash(
  error: NominatedElsewhereError,
  callId: string,
  claimantId: string,
  person: { firstName: string; lastName: string },
) {
  await getDb().transaction(async (tx) => {
    const [call] = await tx
      .select({ eventId: nominationCalls.eventId })
      .from(nominationCalls)
      .where(eq(nominationCalls.id, callId));
    const [claimant] = await tx
      .select({ nameFr: organisations.nameFr, nameEn: organisations.nameEn })
      .from(organisations)
      .where(eq(organisations.id, claimantId));
    if (!call || !claimant) return;
    const event = await eventForMail(tx, call.eventId);
    const people = await nominatorsOf(tx, [error.holder.organisationId]);
    await queueMails(
      tx,
      people.map((p) => composeClashMail(p, event, { ...person, claimant })),
    );
  });
}

/** A nominee's working group must be one of the event network's groups in force. */
async function assertWorkingGroup(tx: Transaction, eventId: string, workingGroupId: string | null) {
  if (!workingGroupId) return;
  const groups = await eventWorkingGroups(eventId, 'fr', tx);
  if (!groups.some((g) => g.id === workingGroupId)) {
    throw new ActionError('actions.invalid', { workingGroupId: ['invalidChoice'] });
  }
}

/**
 * A nominator adds a person to their organisation's nominations, as a draft, ranked
 * last. Refused for a call their organisation is not invited to, a closed call, or a
 * person already registered or nominated (by anyone) for the event.
 */
export async function nominate(
  viewer: Viewer | null,
  callId: string,
  organisationId: string,
  person: Nominee,
  options: Options = {},
): Promise<{ id: string }> {
  assertCan(viewer, 'nominations.nominate', { organisationId });
  const now = options.now ?? new Date();
  try {
    return await getDb().transaction(async (tx) => {
      const { call } = await callForNominator(tx, callId, organisationId);
      if (call.status !== 'open' || (call.nominationsCloseAt <= now && !call.acceptsLate)) {
        throw new ActionError('nominations.errors.closed');
      }
      await refuseTaken(tx, callId, call.eventId, person.email, organisationId);
      await assertWorkingGroup(tx, call.eventId, person.workingGroupId);
      const [last] = await tx
        .select({ rank: max(nominations.rank) })
        .from(nominations)
        .where(and(eq(nominations.callId, callId), eq(nominations.organisationId, organisationId)));
      const [row] = await tx
        .insert(nominations)
        .values({
          callId,
          organisationId,
          rank: (last?.rank ?? 0) + 1,
          ...person,
          nominatedBy: viewer.id,
        })
        .returning({ id: nominations.id });
      if (!row) throw new Error('insert returned nothing');
      await recordChanges(tx, [{ id: row.id, from: null, to: 'draft' }], viewer.id);
      return { id: row.id };
    });
  } catch (error) {
    if (error instanceof NominatedElsewhereError) {
      await tellHolderOfClash(error, callId, organisationId, person);
    }
    if (isUniqueViolation(error, 'nominations_call_email_live')) {
      throw new ActionError('actions.invalid', { email: ['nominations.errors.alreadyNominated'] });
    }
    throw error;
  }
}

/**
 * Submits drafts to the organisers, all or none: within the organisation's quota (the
 * live nominations it has made), before the deadline; after it, only when the call takes
 * late nominations, flagged late.
 */
export async function submitNominations(
  viewer: Viewer | null,
  callId: string,
  organisationId: string,
  ids: string[],
  options: Options = {},
): Promise<{ submitted: number; late: boolean }> {
  assertCan(viewer, 'nominations.nominate', { organisationId });
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const { call, quota } = await callForNominator(tx, callId, organisationId);
    const late = call.nominationsCloseAt <= now;
    if (call.status !== 'open' || (late && !call.acceptsLate)) {
      throw new ActionError('nominations.errors.closed');
    }
    const rows = await tx
      .select({
        id: nominations.id,
        status: nominations.status,
        email: nominations.email,
        firstName: nominations.firstName,
        locale: nominations.locale,
        organisationId: nominations.organisationId,
      })
      .from(nominations)
      .where(
        and(
          eq(nominations.callId, callId),
          eq(nominations.organisationId, organisationId),
          inArray(nominations.id, ids),
        ),
      )
      .for('update');
    // Another organisation's nomination, or none: as if it did not exist.
    if (rows.length !== new Set(ids).size) throw new NotFoundError();
    if (rows.some((r) => r.status !== 'draft')) {
      throw new ActionError('nominations.errors.notDraft');
    }
    const used = (await quotaUse(tx, callId, [...QUOTA_HOLDING])).get(organisationId) ?? 0;
    if (used + rows.length > quota) {
      throw new ActionError('nominations.errors.overQuota', undefined, {
        quota,
        left: Math.max(0, quota - used),
      });
    }
    await tx
      .update(nominations)
      .set({ status: 'submitted', late, submittedAt: now })
      .where(inArray(nominations.id, ids));
    await recordChanges(
      tx,
      rows.map((r) => ({ id: r.id, from: 'draft', to: 'submitted' })),
      viewer.id,
      late ? 'late' : null,
    );
    await tellNominees(tx, call.eventId, rows, 'submitted');
    return { submitted: rows.length, late };
  });
}

/**
 * Seats held at the event now: confirmed and offered registrations, and accepted
 * nominees who have not registered yet. Read with the event row locked.
 */
async function seatsHeld(tx: Transaction, eventId: string, callId: string): Promise<number> {
  const [row] = await tx
    .select({
      registered: sql<number>`(select count(*)::int from registrations r
        where r.event_id = ${eventId} and r.status in ${[...SEAT_HOLDING]})`,
      nominated: sql<number>`(select count(*)::int from nominations n
        where n.call_id = ${callId} and n.status in ${[...PLACE_HOLDING]}
        and n.registration_id is null)`,
    })
    .from(nominationCalls)
    .where(eq(nominationCalls.id, callId));
  return Number(row?.registered ?? 0) + Number(row?.nominated ?? 0);
}

/**
 * An organiser accepts, puts in reserve or rejects (with a reason) nominations of their
 * event, one or many, all or none. Accepting never takes an organisation past its quota
 * nor the event past its capacity, whoever else decides at the same moment: the event's
 * row is locked, then counted.
 */
export async function decideNominations(
  viewer: Viewer | null,
  eventId: string,
  input: DecisionInput,
  options: Options & { origin: string },
): Promise<{ decided: number }> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const call = await callOfEvent(tx, eventId);
    if (!call) throw new NotFoundError();
    const rows = await tx
      .select({
        id: nominations.id,
        status: nominations.status,
        organisationId: nominations.organisationId,
        workingGroupId: nominations.workingGroupId,
        firstName: nominations.firstName,
        lastName: nominations.lastName,
        email: nominations.email,
        locale: nominations.locale,
      })
      .from(nominations)
      .where(and(eq(nominations.callId, call.id), inArray(nominations.id, input.ids)))
      .for('update');
    if (rows.length !== new Set(input.ids).size) throw new NotFoundError();
    const from: Record<DecisionInput['decision'], NominationStatus[]> = {
      accept: ['submitted', 'reserve'],
      reserve: ['submitted'],
      reject: ['submitted', 'reserve', 'accepted', 'invited'],
    };
    if (rows.some((r) => !from[input.decision].includes(r.status))) {
      throw new ActionError('nominations.errors.cannotDecide');
    }
    if (input.decision === 'accept') await assertRoom(tx, event, call.id, rows);
    const to: NominationStatus =
      input.decision === 'accept'
        ? 'accepted'
        : input.decision === 'reserve'
          ? 'reserve'
          : 'rejected';
    await tx
      .update(nominations)
      .set({
        status: to,
        reason: input.decision === 'reject' ? (input.reason ?? null) : null,
        decidedAt: now,
        decidedBy: viewer.id,
      })
      .where(inArray(nominations.id, input.ids));
    await recordChanges(
      tx,
      rows.map((r) => ({ id: r.id, from: r.status, to })),
      viewer.id,
      input.decision === 'reject' ? (input.reason ?? null) : null,
    );
    // Accepted: each nominee is invited, with a personal link, to complete the registration.
    if (to === 'accepted') {
      await inviteNominees(tx, eventId, call, input.ids, options.origin, now, viewer.id);
    } else {
      // The others are told too: in reserve, or not selected (the reason is the
      // organisation's to give).
      await tellNominees(tx, eventId, rows, to === 'reserve' ? 'reserve' : 'rejected');
    }
    // A place given back (an accepted nominee rejected) goes to that organisation's reserve.
    const freed = rows
      .filter((r) => r.status === 'accepted' || r.status === 'invited')
      .map((r) => r.organisationId);
    const movedUp = await moveUpReserves(tx, event, call, freed, viewer.id, now, options.origin);
    // The organisations' nominators are told, in their language.
    await tellNominators(tx, eventId, call.id, options.origin, [
      ...rows.map((r) => ({
        ...r,
        to,
        reason: input.decision === 'reject' ? (input.reason ?? null) : null,
      })),
      ...movedUp,
    ]);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: `nominations.${input.decision}`,
      subjectType: 'event',
      subjectId: eventId,
      data: { nominations: input.ids },
    });
    return { decided: rows.length };
  });
}

/** Refuses an acceptance that would pass an organisation's quota or the event's capacity. */
async function assertRoom(
  tx: Transaction,
  event: LockedEvent,
  callId: string,
  accepted: { organisationId: string; workingGroupId: string | null }[],
) {
  const quotas = await callQuotas(tx, callId);
  const used = await quotaUse(tx, callId, PLACE_GIVEN);
  const adding = new Map<string, number>();
  for (const a of accepted) adding.set(a.organisationId, (adding.get(a.organisationId) ?? 0) + 1);
  for (const [organisationId, n] of adding) {
    const q = quotas.find((x) => x.organisationId === organisationId);
    const taken = used.get(organisationId) ?? 0;
    if (!q || taken + n > q.quota) {
      throw new ActionError('nominations.errors.quotaFull', undefined, {
        organisation: { fr: q?.nameFr ?? '', en: q?.nameEn ?? '' },
        quota: q?.quota ?? 0,
        left: Math.max(0, (q?.quota ?? 0) - taken),
      });
    }
  }
  await assertGroupRoom(tx, callId, accepted);
  if (event.capacity !== null) {
    const held = await seatsHeld(tx, event.id, callId);
    if (held + accepted.length > event.capacity) {
      throw new ActionError('nominations.errors.capacityFull', undefined, {
        capacity: event.capacity,
        left: Math.max(0, event.capacity - held),
      });
    }
  }
}

/** Refuses an acceptance that would pass a country's or a working group's places. */
async function assertGroupRoom(
  tx: Transaction,
  callId: string,
  accepted: { organisationId: string; workingGroupId: string | null }[],
) {
  const limits = await callGroupLimits(tx, callId);
  if (limits.length === 0) return;
  const countries = await tx
    .select({ id: organisations.id, country: organisations.country })
    .from(organisations)
    .where(inArray(organisations.id, [...new Set(accepted.map((a) => a.organisationId))]));
  const countryOf = new Map(countries.map((o) => [o.id, o.country]));
  const held = await groupPlacesHeld(tx, callId);
  for (const limit of limits) {
    const adding = accepted.filter((a) =>
      limit.country
        ? countryOf.get(a.organisationId) === limit.country
        : a.workingGroupId === limit.workingGroupId,
    ).length;
    if (adding === 0) continue;
    const taken = limit.country
      ? (held.byCountry.get(limit.country) ?? 0)
      : (held.byGroup.get(limit.workingGroupId ?? '') ?? 0);
    if (taken + adding > limit.quota) {
      const left = Math.max(0, limit.quota - taken);
      throw limit.country
        ? new ActionError('nominations.errors.countryFull', undefined, {
            country: {
              fr: new Intl.DisplayNames(['fr'], { type: 'region' }).of(limit.country) ?? '',
              en: new Intl.DisplayNames(['en'], { type: 'region' }).of(limit.country) ?? '',
            },
            quota: limit.quota,
            left,
          })
        : new ActionError('nominations.errors.groupFull', undefined, {
            group: { fr: limit.nameFr ?? '', en: limit.nameEn ?? '' },
            quota: limit.quota,
            left,
          });
    }
  }
}

/**
 * Places given back by these organisations go to their reserve nominees, best ranked
 * first, while their quota and the event's capacity allow (the event row is locked).
 */
async function moveUpReserves(
  tx: Transaction,
  event: LockedEvent,
  call: Pick<NominationCallRow, 'id' | 'confirmationDeadline'>,
  organisationIds: string[],
  actorId: string | null,
  now: Date,
  origin: string,
): Promise<Decided[]> {
  const callId = call.id;
  const moved: Decided[] = [];
  for (const organisationId of organisationIds) {
    const [next] = await tx
      .select({
        id: nominations.id,
        organisationId: nominations.organisationId,
        workingGroupId: nominations.workingGroupId,
        firstName: nominations.firstName,
        lastName: nominations.lastName,
      })
      .from(nominations)
      .where(
        and(
          eq(nominations.callId, callId),
          eq(nominations.organisationId, organisationId),
          eq(nominations.status, 'reserve'),
        ),
      )
      .orderBy(asc(nominations.rank))
      .limit(1)
      .for('update');
    if (!next) continue;
    try {
      await assertRoom(tx, event, callId, [next]);
    } catch (error) {
      if (error instanceof ActionError) continue;
      throw error;
    }
    await tx
      .update(nominations)
      .set({ status: 'accepted', decidedAt: now, decidedBy: actorId })
      .where(eq(nominations.id, next.id));
    await recordChanges(
      tx,
      [{ id: next.id, from: 'reserve', to: 'accepted' }],
      actorId,
      'moved up',
    );
    await inviteNominees(tx, event.id, call, [next.id], origin, now, actorId);
    moved.push({ ...next, to: 'accepted', reason: null, movedUp: true });
  }
  return moved;
}

type Decided = {
  organisationId: string;
  firstName: string;
  lastName: string;
  to: NominationStatus;
  reason: string | null;
  movedUp?: boolean;
  /** Declined by the passing of the confirmation deadline. */
  noAnswer?: boolean;
  /** Confirmed by the nominee completing their registration. */
  registered?: boolean;
};

/** The people who nominate for these organisations, with their mail language. */
async function nominatorsOf(tx: Transaction, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return tx
    .select({
      organisationId: roleGrants.organisationId,
      email: users.email,
      name: users.name,
      locale: users.locale,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.role, 'nominator'),
        inArray(roleGrants.organisationId, organisationIds),
        isNull(roleGrants.eventId),
      ),
    )
    .orderBy(asc(users.email));
}

/**
 * Mails each nominator of the organisations concerned what became of their nominations,
 * one mail per nominator, in their language (in the caller's transaction).
 */
async function tellNominators(
  tx: Transaction,
  eventId: string,
  callId: string,
  origin: string,
  decided: Decided[],
) {
  const organisationIds = [...new Set(decided.map((d) => d.organisationId))];
  if (organisationIds.length === 0) return;
  const people = await nominatorsOf(tx, organisationIds);
  if (people.length === 0) return;
  const event = await eventForMail(tx, eventId);
  await queueMails(
    tx,
    people.map((p) =>
      composeDecisionsMail(
        { email: p.email, name: p.name, locale: p.locale },
        event,
        decided.filter((d) => d.organisationId === p.organisationId),
        callId,
        p.organisationId as string,
        origin,
      ),
    ),
  );
}

/**
 * Tells nominees, each in their language, what became of their nomination (in the
 * caller's transaction): nominated, in reserve, not selected, withdrawn.
 */
async function tellNominees(
  tx: Transaction,
  eventId: string,
  people: { email: string; firstName: string; locale: Locale; organisationId: string }[],
  notice: NomineeNotice,
) {
  if (people.length === 0) return;
  const event = await eventForMail(tx, eventId);
  const names = await tx
    .select({ id: organisations.id, nameFr: organisations.nameFr, nameEn: organisations.nameEn })
    .from(organisations)
    .where(inArray(organisations.id, [...new Set(people.map((p) => p.organisationId))]));
  const byId = new Map(names.map((o) => [o.id, o]));
  await queueMails(
    tx,
    people.map((p) =>
      composeNomineeNoticeMail(
        p,
        notice,
        byId.get(p.organisationId) ?? { nameFr: '', nameEn: '' },
        event,
      ),
    ),
  );
}

/**
 * An organiser (or admin) makes someone a nominator for an organisation invited to their
 * event's call: the person's account is created if need be (they sign in with this
 * e-mail, by link or ProConnect) and they are told, in their language.
 */
export async function inviteNominator(
  viewer: Viewer | null,
  eventId: string,
  input: NominatorInput,
  options: { origin: string },
): Promise<{ userId: string }> {
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const call = await callOfEvent(tx, eventId);
    if (!call) throw new NotFoundError();
    const [organisation] = await tx
      .select({ nameFr: organisations.nameFr, nameEn: organisations.nameEn })
      .from(nominationQuotas)
      .innerJoin(organisations, eq(organisations.id, nominationQuotas.organisationId))
      .where(
        and(
          eq(nominationQuotas.callId, call.id),
          eq(nominationQuotas.organisationId, input.organisationId),
        ),
      );
    // Only for an organisation invited to this very call.
    if (!organisation) {
      throw new ActionError('actions.invalid', { organisationId: ['invalidChoice'] });
    }
    // The grant is the organisation's, not the event's: the nominator sees its calls.
    const person = await grantByEmail(
      tx,
      viewer.id,
      input,
      { role: 'nominator', organisationId: input.organisationId },
      'nominations.errors.alreadyNominator',
    );
    const event = await eventForMail(tx, eventId);
    await queueMails(tx, [
      composeNominatorInvitedMail(
        { email: input.email, name: person.name, locale: person.locale },
        organisation,
        event,
        options.origin,
      ),
    ]);
    return { userId: person.userId };
  });
}

/**
 * Where a nomination belongs, for a nominator of its organisation (or an admin); for
 * anyone else, someone else's nomination reads as none at all.
 */
async function ownNomination(viewer: Viewer | null, nominationId: string) {
  const [found] = await getDb()
    .select({
      callId: nominations.callId,
      organisationId: nominations.organisationId,
      eventId: nominationCalls.eventId,
    })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .where(eq(nominations.id, nominationId));
  if (
    !found ||
    !viewer ||
    !allows(viewer, 'nominations.nominate', { organisationId: found.organisationId })
  ) {
    throw new NotFoundError();
  }
  return { ...found, viewer };
}

/** Nominations a nominator may still withdraw or replace (before the deadline for it). */
const WITHDRAWABLE: NominationStatus[] = ['draft', 'submitted', 'accepted', 'reserve', 'invited'];

/**
 * A nominator replaces one of their organisation's nominations by another person, in
 * one step, before the withdrawal deadline: the new nomination takes its rank and, for a
 * draft, a submitted or a reserve nomination, its state. One that held a place (accepted
 * or invited) is replaced by a nomination submitted to the organisers, who decide on it:
 * the place is not handed to the reserve meanwhile. Both people are told.
 */
export async function replaceNomination(
  viewer: Viewer | null,
  nominationId: string,
  person: Nominee,
  options: Options = {},
): Promise<{ id: string }> {
  const now = options.now ?? new Date();
  const found = await ownNomination(viewer, nominationId);
  try {
    return await getDb().transaction(async (tx) => {
      await lockEvent(tx, found.eventId);
      const { call } = await callForNominator(tx, found.callId, found.organisationId);
      const [old] = await tx
        .select()
        .from(nominations)
        .where(eq(nominations.id, nominationId))
        .for('update');
      if (!old) throw new NotFoundError();
      if (call.withdrawalDeadline <= now) {
        throw new ActionError('nominations.errors.tooLateToWithdraw');
      }
      if (!WITHDRAWABLE.includes(old.status)) {
        throw new ActionError('nominations.errors.cannotWithdraw');
      }
      await refuseTaken(tx, call.id, call.eventId, person.email, found.organisationId);
      await assertWorkingGroup(tx, call.eventId, person.workingGroupId);
      await tx
        .update(nominations)
        .set({ status: 'replaced', tokenHash: null })
        .where(eq(nominations.id, old.id));
      const status: NominationStatus =
        old.status === 'accepted' || old.status === 'invited' ? 'submitted' : old.status;
      const [row] = await tx
        .insert(nominations)
        .values({
          callId: call.id,
          organisationId: old.organisationId,
          rank: old.rank,
          status,
          late: status === 'draft' ? false : old.late || call.nominationsCloseAt <= now,
          ...person,
          replacesId: old.id,
          nominatedBy: found.viewer.id,
          submittedAt: status === 'draft' ? null : now,
        })
        .returning({ id: nominations.id });
      if (!row) throw new Error('insert returned nothing');
      await recordChanges(
        tx,
        [{ id: old.id, from: old.status, to: 'replaced' }],
        found.viewer.id,
        `replaced by: ${person.firstName} ${person.lastName}`,
      );
      await recordChanges(
        tx,
        [{ id: row.id, from: null, to: status }],
        found.viewer.id,
        `replaces: ${old.firstName} ${old.lastName}`,
      );
      if (old.status !== 'draft') await tellNominees(tx, call.eventId, [old], 'withdrawn');
      if (status !== 'draft') {
        await tellNominees(
          tx,
          call.eventId,
          [{ ...person, organisationId: old.organisationId }],
          'submitted',
        );
      }
      return { id: row.id };
    });
  } catch (error) {
    if (error instanceof NominatedElsewhereError) {
      await tellHolderOfClash(error, found.callId, found.organisationId, person);
    }
    if (isUniqueViolation(error, 'nominations_call_email_live')) {
      throw new ActionError('actions.invalid', { email: ['nominations.errors.alreadyNominated'] });
    }
    throw error;
  }
}

/**
 * A nominator withdraws one of their organisation's nominations, before the withdrawal
 * deadline. A place it held goes to the organisation's reserve.
 */
export async function withdrawNomination(
  viewer: Viewer | null,
  nominationId: string,
  options: Options & { origin: string },
): Promise<void> {
  const now = options.now ?? new Date();
  const found = await ownNomination(viewer, nominationId);
  await getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, found.eventId);
    const [row] = await tx
      .select({ nomination: nominations, call: nominationCalls })
      .from(nominations)
      .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
      .where(eq(nominations.id, nominationId))
      .for('update', { of: nominations });
    if (!row) throw new NotFoundError();
    const { nomination, call } = row;
    if (call.withdrawalDeadline <= now)
      throw new ActionError('nominations.errors.tooLateToWithdraw');
    if (!WITHDRAWABLE.includes(nomination.status)) {
      throw new ActionError('nominations.errors.cannotWithdraw');
    }
    await tx
      .update(nominations)
      .set({ status: 'withdrawn', tokenHash: null })
      .where(eq(nominations.id, nominationId));
    // A draft was never sent: its person was never told of it.
    if (nomination.status !== 'draft') {
      await tellNominees(tx, call.eventId, [nomination], 'withdrawn');
    }
    await recordChanges(
      tx,
      [{ id: nominationId, from: nomination.status, to: 'withdrawn' }],
      found.viewer.id,
    );
    if (nomination.status === 'accepted' || nomination.status === 'invited') {
      const moved = await moveUpReserves(
        tx,
        event,
        call,
        [nomination.organisationId],
        found.viewer.id,
        now,
        options.origin,
      );
      await tellNominators(tx, call.eventId, call.id, options.origin, moved);
    }
  });
}

/**
 * A nominator moves one of their organisation's nominations one place up or down in
 * their order of priority, while the call is open.
 */
export async function moveNomination(
  viewer: Viewer | null,
  nominationId: string,
  direction: 'up' | 'down',
): Promise<void> {
  const found = await ownNomination(viewer, nominationId);
  await getDb().transaction(async (tx) => {
    const { call } = await callForNominator(tx, found.callId, found.organisationId);
    if (call.status !== 'open') throw new ActionError('nominations.errors.closed');
    const list = await tx
      .select({ id: nominations.id, rank: nominations.rank })
      .from(nominations)
      .where(
        and(
          eq(nominations.callId, found.callId),
          eq(nominations.organisationId, found.organisationId),
        ),
      )
      .orderBy(asc(nominations.rank));
    const at = list.findIndex((n) => n.id === nominationId);
    const self = list[at];
    const other = list[direction === 'up' ? at - 1 : at + 1];
    if (!self || !other) return;
    await tx.update(nominations).set({ rank: other.rank }).where(eq(nominations.id, self.id));
    await tx.update(nominations).set({ rank: self.rank }).where(eq(nominations.id, other.id));
  });
}

/**
 * Invites accepted nominees (in the caller's transaction, the event row locked): each
 * gets a personal link, bound to their e-mail, to complete the event's registration form
 * before the confirmation deadline; their place is held meanwhile.
 */
async function inviteNominees(
  tx: Transaction,
  eventId: string,
  call: Pick<NominationCallRow, 'id' | 'confirmationDeadline'>,
  ids: string[],
  origin: string,
  now: Date,
  actorId: string | null,
) {
  if (ids.length === 0) return;
  const event = await eventForMail(tx, eventId);
  const people = await tx
    .select()
    .from(nominations)
    .where(and(eq(nominations.callId, call.id), inArray(nominations.id, ids)));
  const mails = [];
  for (const n of people) {
    const { token, hash } = newManageToken();
    await tx
      .update(nominations)
      .set({ status: 'invited', tokenHash: hash, invitedAt: now })
      .where(eq(nominations.id, n.id));
    mails.push(composeNomineeInvitedMail(n, event, call, token, origin));
  }
  await recordChanges(
    tx,
    people.map((n) => ({ id: n.id, from: 'accepted' as const, to: 'invited' as const })),
    actorId,
  );
  await queueMails(tx, mails);
  // Written with the invitation: at the deadline, whichever instance is up, no answer
  // gives the place back.
  for (const n of people) {
    await enqueue(
      tx,
      NOMINEE_DEADLINE_QUEUE,
      { nominationId: n.id, origin },
      { runAt: call.confirmationDeadline },
    );
  }
}

/** The background job that ends an invitation the nominee did not answer in time. */
export const NOMINEE_DEADLINE_QUEUE = 'nominations.confirmation-deadline';

const deadlinePayload = z.object({ nominationId: z.uuid(), origin: z.string().min(1) });

/**
 * At the confirmation deadline, a nominee who has neither registered nor declined is
 * counted as declined: the place goes to the organisation's reserve and its nominators
 * are told. A deadline moved later since puts the job off to it.
 */
export async function expireNomineeInvitation(
  nominationId: string,
  options: Options & { origin: string },
): Promise<'declined' | 'unchanged' | 'later'> {
  const now = options.now ?? new Date();
  const [found] = await getDb()
    .select({ eventId: nominationCalls.eventId })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .where(eq(nominations.id, nominationId));
  if (!found) return 'unchanged';
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, found.eventId);
    const [row] = await tx
      .select({ nomination: nominations, call: nominationCalls })
      .from(nominations)
      .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
      .where(eq(nominations.id, nominationId))
      .for('update', { of: nominations });
    if (!row) return 'unchanged';
    if (row.nomination.status !== 'invited') return 'unchanged';
    const { nomination, call } = row;
    if (call.confirmationDeadline > now) {
      await enqueue(
        tx,
        NOMINEE_DEADLINE_QUEUE,
        { nominationId, origin: options.origin },
        { runAt: call.confirmationDeadline },
      );
      return 'later';
    }
    await giveBackPlace(tx, event, call, nomination, {
      origin: options.origin,
      now,
      noAnswer: true,
    });
    return 'declined';
  });
}

export async function runNomineeDeadline(payload: unknown): Promise<void> {
  const { nominationId, origin } = deadlinePayload.parse(payload);
  await expireNomineeInvitation(nominationId, { origin });
}

async function lockNominationByToken(tx: Transaction, eventId: string, token: string) {
  const [row] = await tx
    .select({ nomination: nominations, call: nominationCalls })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .where(and(eq(nominationCalls.eventId, eventId), eq(nominations.tokenHash, hashToken(token))))
    .for('update', { of: nominations });
  return row ?? null;
}

/**
 * The nominee's registration, written with their personal link (in the registration's
 * transaction, the event row locked): the link must be theirs, still valid, used with
 * their e-mail; their nomination is then confirmed and tied to the registration.
 */
export async function claimNomination(
  tx: Transaction,
  eventId: string,
  token: string,
  email: string,
  registrationId: string,
  options: { now: Date; origin: string },
): Promise<void> {
  const now = options.now;
  const row = await lockNominationByToken(tx, eventId, token);
  if (!row) throw new ActionError('nominations.errors.linkInvalid');
  const { nomination, call } = row;
  if (nomination.status !== 'invited') throw new ActionError('nominations.errors.linkInvalid');
  const same = (a: string) => a.normalize('NFC').trim().toLowerCase();
  if (same(nomination.email) !== same(email)) {
    throw new ActionError('nominations.errors.emailMismatch');
  }
  if (call.confirmationDeadline <= now)
    throw new ActionError('nominations.errors.tooLateToConfirm');
  await tx
    .update(nominations)
    .set({ status: 'confirmed', registrationId })
    .where(eq(nominations.id, nomination.id));
  await recordChanges(tx, [{ id: nomination.id, from: 'invited', to: 'confirmed' }], null);
  await tellNominators(tx, eventId, call.id, options.origin, [
    { ...nomination, to: 'confirmed', reason: null, registered: true },
  ]);
}

/**
 * The nominee says they will not come, with their personal link: the place goes to the
 * organisation's reserve, and its nominators are told (they may nominate someone else).
 */
export async function declineNomination(
  token: string,
  options: Options & { origin: string },
): Promise<void> {
  const now = options.now ?? new Date();
  const [found] = await getDb()
    .select({ eventId: nominationCalls.eventId })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .where(eq(nominations.tokenHash, hashToken(token)));
  if (!found) throw new ActionError('nominations.errors.linkInvalid');
  await getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, found.eventId);
    const row = await lockNominationByToken(tx, found.eventId, token);
    if (!row) throw new ActionError('nominations.errors.linkInvalid');
    if (row.nomination.status !== 'invited') {
      throw new ActionError('nominations.errors.linkInvalid');
    }
    await giveBackPlace(tx, event, row.call, row.nomination, {
      origin: options.origin,
      now,
      noAnswer: false,
    });
  });
}

/**
 * An invited nominee who will not come (they said so, or the confirmation deadline
 * passed): the nomination is declined, its link stops working, the place goes to the
 * organisation's first reserve and its nominators are told. The event row is locked.
 */
async function giveBackPlace(
  tx: Transaction,
  event: LockedEvent,
  call: NominationCallRow,
  nomination: typeof nominations.$inferSelect,
  options: { origin: string; now: Date; noAnswer: boolean },
) {
  await tx
    .update(nominations)
    .set({ status: 'declined', tokenHash: null })
    .where(eq(nominations.id, nomination.id));
  await recordChanges(
    tx,
    [{ id: nomination.id, from: 'invited', to: 'declined' }],
    null,
    options.noAnswer ? 'no answer' : null,
  );
  const moved = await moveUpReserves(
    tx,
    event,
    call,
    [nomination.organisationId],
    null,
    options.now,
    options.origin,
  );
  await tellNominators(tx, event.id, call.id, options.origin, [
    { ...nomination, to: 'declined', reason: null, noAnswer: options.noAnswer },
    ...moved,
  ]);
}
