import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { zonedLocalToUtc } from '@/lib/events/time';
import { sealSecret } from '@/lib/second-factor/crypto';
import { closeDb, ensureMigrated, getDb, getEngine } from './client';
import {
  events,
  networks,
  organisations,
  programmeSessions,
  registrationQuestions,
  roleGrants,
  secondFactors,
  sessionSpeakers,
  users,
  workingGroups,
} from './schema';
import {
  DEMO_ACCOUNTS,
  DEMO_TOTP_SECRET,
  NETWORKS,
  ORGANISATIONS,
  WORKING_GROUPS,
} from './seed-data';
import { DEMO_EVENTS } from './seed-events';

/** Idempotent: every row is keyed by a slug or an e-mail and upserted. */
export async function seed(): Promise<void> {
  await ensureMigrated();
  const db = getDb();
  await db.transaction(async (tx) => {
    const networkIds = new Map<string, string>();
    for (const n of NETWORKS) {
      const [row] = await tx
        .insert(networks)
        .values(n)
        .onConflictDoUpdate({
          target: networks.slug,
          set: {
            acronym: n.acronym,
            nameFr: n.nameFr,
            nameEn: n.nameEn,
            kind: n.kind,
            activeFrom: n.activeFrom,
            activeTo: n.activeTo,
          },
        })
        .returning({ id: networks.id });
      if (row) networkIds.set(n.slug, row.id);
    }
    const groupIds = new Map<string, string>();
    for (const g of WORKING_GROUPS) {
      const networkId = networkIds.get(g.network);
      if (!networkId) throw new Error(`Unknown network ${g.network}`);
      const values = {
        slug: g.slug,
        networkId,
        nameFr: g.nameFr,
        nameEn: g.nameEn,
        validFrom: g.validFrom,
        validTo: g.validTo,
      };
      const [row] = await tx
        .insert(workingGroups)
        .values(values)
        .onConflictDoUpdate({ target: workingGroups.slug, set: values })
        .returning({ id: workingGroups.id });
      if (row) groupIds.set(g.slug, row.id);
    }
    for (const g of WORKING_GROUPS) {
      if (!g.successor) continue;
      await tx
        .update(workingGroups)
        .set({ successorId: groupIds.get(g.successor) ?? null })
        .where(eq(workingGroups.slug, g.slug));
    }
    const orgIds = new Map<string, string>();
    for (const o of ORGANISATIONS) {
      const values = {
        slug: o.slug,
        acronym: o.acronym,
        nameFr: o.nameFr,
        nameEn: o.nameEn,
        kind: o.kind,
        country: o.country,
        parentId: o.parent ? (orgIds.get(o.parent) ?? null) : null,
      };
      const [row] = await tx
        .insert(organisations)
        .values(values)
        .onConflictDoUpdate({ target: organisations.slug, set: values })
        .returning({ id: organisations.id });
      if (row) orgIds.set(o.slug, row.id);
    }
    const userIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const email = account.email.toLowerCase();
      let [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`);
      if (!user) {
        [user] = await tx
          .insert(users)
          .values({ email, name: account.name })
          .returning({ id: users.id });
      }
      if (user) userIds.set(account.email, user.id);
      if (!user || account.role === 'participant') continue;
      const organisationId = account.organisation
        ? (orgIds.get(account.organisation) ?? null)
        : null;
      await tx
        .insert(roleGrants)
        .values({ userId: user.id, role: account.role, organisationId })
        .onConflictDoNothing();
      if (account.role === 'organiser' || account.role === 'admin') {
        // Sealed again at each seed, under the current AUTH_SECRET.
        const sealedSecret = sealSecret(DEMO_TOTP_SECRET, user.id);
        await tx
          .insert(secondFactors)
          .values({ userId: user.id, sealedSecret, lastUsedStep: 0 })
          .onConflictDoUpdate({ target: secondFactors.userId, set: { sealedSecret } });
      }
    }

    const organiserId = userIds.get('organisatrice@passerelle.test');
    for (const e of DEMO_EVENTS) {
      const at = (local: string | undefined) => (local ? zonedLocalToUtc(local, e.timeZone) : null);
      const values = {
        slug: e.slug,
        status: e.status,
        format: e.format,
        networkId: e.network ? (networkIds.get(e.network) ?? null) : null,
        workingGroupId: e.workingGroup ? (groupIds.get(e.workingGroup) ?? null) : null,
        mode: e.mode,
        venueName: e.venueName ?? null,
        venueAddress: e.venueAddress ?? null,
        city: e.city ?? null,
        country: e.country ?? null,
        onlineUrl: e.onlineUrl ?? null,
        timeZone: e.timeZone,
        startsAt: zonedLocalToUtc(e.startsAt, e.timeZone),
        endsAt: zonedLocalToUtc(e.endsAt, e.timeZone),
        workingLanguages: e.workingLanguages,
        interpretationLanguages: e.interpretationLanguages ?? [],
        confidentiality: e.confidentiality,
        visibility: e.visibility,
        registrationMode: e.registrationMode,
        capacity: e.capacity ?? null,
        registrationOpensAt: at(e.registrationOpensAt),
        registrationClosesAt: at(e.registrationClosesAt),
        modificationDeadline: at(e.modificationDeadline),
        titleFr: e.titleFr,
        titleEn: e.titleEn,
        summaryFr: e.summaryFr,
        summaryEn: e.summaryEn,
        descriptionFr: e.descriptionFr,
        descriptionEn: e.descriptionEn,
        publishedAt: e.status === 'published' ? zonedLocalToUtc(e.startsAt, e.timeZone) : null,
      };
      const [event] = await tx
        .insert(events)
        .values(values)
        .onConflictDoUpdate({ target: events.slug, set: values })
        .returning({ id: events.id });
      if (!event) continue;
      // The programme is replaced as a whole, so that seeding twice changes nothing.
      await tx.delete(programmeSessions).where(eq(programmeSessions.eventId, event.id));
      for (const s of e.sessions) {
        const [session] = await tx
          .insert(programmeSessions)
          .values({
            eventId: event.id,
            type: s.type,
            titleFr: s.titleFr,
            titleEn: s.titleEn,
            room: s.room ?? null,
            startsAt: zonedLocalToUtc(s.startsAt, e.timeZone),
            endsAt: zonedLocalToUtc(s.endsAt, e.timeZone),
            capacity: s.capacity ?? null,
            access: s.access ?? 'everyone',
            accessOrganisationKinds: s.accessOrganisationKinds ?? [],
            chathamHouse: s.chathamHouse ?? false,
          })
          .returning({ id: programmeSessions.id });
        if (session && s.speakers?.length) {
          await tx
            .insert(sessionSpeakers)
            .values(s.speakers.map((sp, position) => ({ ...sp, position, sessionId: session.id })));
        }
      }
      // The form is written once: seeding again keeps it, and the answers given to it.
      const [asked] = await tx
        .select({ id: registrationQuestions.id })
        .from(registrationQuestions)
        .where(eq(registrationQuestions.eventId, event.id))
        .limit(1);
      if (!asked && e.questions?.length) {
        const ids = new Map(e.questions.map((q) => [q.key, crypto.randomUUID()]));
        await tx.insert(registrationQuestions).values(
          e.questions.map((q, position) => ({
            id: ids.get(q.key),
            eventId: event.id,
            position,
            kind: q.kind,
            purpose: q.purpose ?? 'general',
            labelFr: q.labelFr,
            labelEn: q.labelEn,
            helpFr: q.helpFr ?? '',
            helpEn: q.helpEn ?? '',
            required: q.required ?? false,
            options: q.options ?? [],
            showIf: q.showIf
              ? { questionId: ids.get(q.showIf.key) ?? '', values: q.showIf.values }
              : null,
          })),
        );
      }
      if (organiserId) {
        await tx
          .insert(roleGrants)
          .values({ userId: organiserId, role: 'organiser', eventId: event.id })
          .onConflictDoNothing();
      }
    }
  });
}

// Run as a script (npm run db:seed), not when imported by tests.
if (process.argv[1]?.endsWith('seed.ts')) {
  seed()
    .then(async () => {
      console.log(`Demo data seeded (${getEngine()}).`);
      await closeDb();
    })
    .catch(async (error) => {
      console.error(error instanceof Error ? error.message : error);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
