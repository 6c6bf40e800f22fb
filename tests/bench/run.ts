// npm run bench: measures the production build against real PostgreSQL, each scenario
// beside its floor in the same run, and reports ratios (the machine is shared and
// noisy: never assert times in tests). Writes tests/bench/results.json and
// tests/bench/BENCHMARKS.md. Scenarios: event_page and first_load_js (issue 3),
// registration_burst (issue 4), embedded_start, export_50k (issue 6), checkin_scans,
// organiser_list_50k. `--only=export_50k` (or BENCH_ONLY=export_50k) runs the scenarios
// named and keeps the others' last figures.
//
// The database: the server in DATABASE_URL when set, otherwise a throwaway PostgreSQL
// cluster started here (tests/helpers/pg-cluster.ts) and destroyed at the end. Never the
// shared 127.0.0.1:5432 by default: another engineer's tests run there, and figures taken
// beside them would say more about their load than about the app.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { ticketPayload } from '../../lib/registrations/ticket';
import { type Cluster, startCluster } from '../helpers/pg-cluster';
import { canListen, pickPort } from '../helpers/ports';
import { actionIds, decodeFlight, encodeActionCall, fill, urlPattern } from '../helpers/surface';

const ROOT = path.resolve(__dirname, '..', '..');
const NEXT_BIN = require.resolve('next/dist/bin/next');
const PORT = Number(process.env.BENCH_PORT ?? 3400);
/** The app's pool size (db/client.ts): the floors get the same number of connections. */
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Fewer runs or shorter ones than the defaults: a check of the bench, said so in the report. */
const SHORT_RUN = RUNS < 3 || SECONDS < 5;
const ONLY = (
  process.env.BENCH_ONLY ??
  process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
  ''
)
  .split(',')
  .filter(Boolean);
const wanted = (...names: string[]) => ONLY.length === 0 || names.some((n) => ONLY.includes(n));

type Figures = Record<string, number | string | boolean | null>;
/** The nearest-rank percentile (p in 0–1) of a list of latencies. */
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? 0;
};
const ms = (n: number) => Number(n.toFixed(1));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function env(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    JOBS_WORKER: 'off',
    ...extra,
  };
  for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
  return e;
}

async function waitFor(url: string, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - start;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

function startServer(extra: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(PORT)], {
    cwd: ROOT,
    env: env(extra),
    stdio: 'ignore',
  });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

// As a browser asks: compressed, no cookie (an anonymous visitor).
async function load(url: string) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'accept-encoding': 'gzip, br' },
  });
  return {
    rps: result['2xx'] / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

// The JavaScript a browser downloads before a page works: the <script src> of its HTML,
// gzipped (the nomodule polyfills, which current browsers skip, left out).
async function firstLoadJs(base: string, paths: string[]): Promise<Figures> {
  const figures: Figures = {};
  for (const p of paths) {
    const html = await (await fetch(base + p)).text();
    const sources = new Set(
      [...html.matchAll(/<script(?![^>]*noModule)[^>]*\ssrc="([^"]+)"/g)].map(
        (m) => m[1] as string,
      ),
    );
    let bytes = 0;
    for (const src of sources) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      bytes += zlib.gzipSync(body).length;
    }
    figures[`${p}_kb`] = Number((bytes / 1024).toFixed(1));
  }
  const sizes = Object.values(figures) as number[];
  figures.max_kb = Math.max(...sizes);
  figures.goal = 'max_kb <= 150';
  figures.met = figures.max_kb <= 150;
  figures.measured_at = new Date().toISOString();
  return figures;
}

const EVENT = '/fr/events/colloque-international-prevention-radicalisation-2027';
const PUBLIC_PAGES = ['/fr', '/fr/events', EVENT, '/en/events?period=past', '/fr/legal-notice'];

const BURST_CONNECTIONS = Number(process.env.BENCH_BURST_CONNECTIONS ?? 50);
const BURST_CAPACITY = 200;

/** A published event taking open registrations, written straight into the scratch database. */
async function burstEvent(sql: postgres.Sql, slug: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into events (slug, status, format, mode, city, country, time_zone, starts_at, ends_at,
      registration_mode, capacity, title_fr, title_en, published_at)
    values (${slug}, 'published', 'colloquium', 'in_person', 'Paris', 'FR', 'Europe/Paris',
      '2030-04-13T07:00:00Z', '2030-04-14T15:00:00Z', 'open', ${BURST_CAPACITY},
      ${`Banc d’essai ${slug}`}, ${`Bench ${slug}`}, now())
    returning id`;
  return (row as { id: string }).id;
}

const person = (n: number, tag: string) => ({
  firstName: 'Camille',
  lastName: `Banc ${n}`,
  email: `${tag}.${n}@bench.example`,
  organisation: 'Ministère de l’Intérieur',
  function: 'Chargée de mission',
  country: 'FR',
  locale: 'fr',
  privacyAcknowledged: true,
});

/**
 * The floor: the same transaction as a registration (lock the event, look for the
 * e-mail, count the seats, insert the registration, its history and its mail job),
 * straight through postgres.js with the app's pool size, 50 callers at once.
 */
async function bareRegistrations(databaseUrl: string, eventId: string) {
  const sql = postgres(databaseUrl, {
    max: POOL_SIZE,
    onnotice: () => {},
  });
  const latencies: number[] = [];
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const p = person(n++, 'floor');
      const start = performance.now();
      await sql.begin(async (tx) => {
        const [event] = await tx`select id, capacity, status, registration_mode,
          registration_opens_at, registration_closes_at, ends_at
          from events where id = ${eventId} for update`;
        await tx`select id from registrations where event_id = ${eventId} and email = ${p.email}`;
        const [taken] = await tx<{ n: number }[]>`select count(*)::int as n from registrations
          where event_id = ${eventId} and status in ('confirmed', 'offered')`;
        const status = (taken?.n ?? 0) < (event?.capacity as number) ? 'confirmed' : 'waitlisted';
        const [row] = await tx<{ id: string }[]>`insert into registrations (event_id, email,
          first_name, last_name, organisation, function, country, locale, status,
          manage_token_hash, privacy_acknowledged_at)
          values (${eventId}, ${p.email}, ${p.firstName}, ${p.lastName}, ${p.organisation},
            ${p.function}, 'FR', 'fr', ${status}, ${crypto.randomBytes(32).toString('hex')}, now())
          returning id`;
        await tx`insert into registration_changes (registration_id, to_status)
          values (${(row as { id: string }).id}, ${status})`;
        await tx`insert into jobs (queue, payload, max_attempts)
          values ('bench.floor', ${tx.json({ to: p.email, subject: 'x', text: 'y' })}, 1000)`;
      });
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: BURST_CONNECTIONS }, worker));
  await sql.end();
  latencies.sort((a, b) => a - b);
  return {
    perS: latencies.length / SECONDS,
    p50: latencies[Math.floor(latencies.length / 2)] ?? 0,
  };
}

/** The burst through the built app's HTTP API: each request a new person, from their own address. */
async function httpRegistrations(base: string, slug: string, tag: string) {
  let n = 0;
  const result = await autocannon({
    url: `${base}/api/events/${slug}/registrations`,
    connections: BURST_CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify(person(i, tag)),
          };
        },
      },
    ],
  });
  return {
    perS: result['2xx'] / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors5xx: result.non2xx, // 4xx would be a bench bug; counted with the 5xx to be seen
    errors: result.errors + result.timeouts,
  };
}

async function registrationBurst(base: string, databaseUrl: string): Promise<Figures> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const runs: Awaited<ReturnType<typeof httpRegistrations>>[] = [];
    const floors: Awaited<ReturnType<typeof bareRegistrations>>[] = [];
    const eventIds: string[] = [];
    // Warmed first, like the page scenario: one unmeasured burst on an event of its own
    // (the server's code compiled by the JIT, its statements prepared on each connection).
    const warmSlug = `banc-chauffe-${crypto.randomBytes(3).toString('hex')}`;
    eventIds.push(await burstEvent(sql, warmSlug));
    await httpRegistrations(base, warmSlug, 'warm');
    for (let i = 0; i < RUNS; i++) {
      const httpSlug = `banc-http-${i}-${crypto.randomBytes(3).toString('hex')}`;
      eventIds.push(await burstEvent(sql, httpSlug));
      runs.push(await httpRegistrations(base, httpSlug, `http${i}`));
      const floorId = await burstEvent(
        sql,
        `banc-sql-${i}-${crypto.randomBytes(3).toString('hex')}`,
      );
      eventIds.push(floorId);
      floors.push(await bareRegistrations(databaseUrl, floorId));
    }
    const [over] = await sql<{ n: number }[]>`select count(*)::int as n from (
        select event_id from registrations where event_id in ${sql(eventIds)}
        and status in ('confirmed', 'offered') group by event_id having count(*) > ${BURST_CAPACITY}
      ) o`;
    const perS = median(runs.map((r) => r.perS));
    const floorPerS = median(floors.map((f) => f.perS));
    return {
      per_s: Math.round(perS),
      floor_per_s: Math.round(floorPerS),
      ratio: Number((perS / floorPerS).toFixed(2)),
      p50_ms: median(runs.map((r) => r.p50)),
      p99_ms: median(runs.map((r) => r.p99)),
      overbooked: over?.n ?? 0,
      errors_5xx: runs.reduce((n, r) => n + r.errors5xx, 0),
      errors: runs.reduce((n, r) => n + r.errors, 0),
      connections: BURST_CONNECTIONS,
      capacity: BURST_CAPACITY,
      floor: 'the same transaction through postgres.js, same pool size, same run',
      goal: 'ratio >= 0.5, p99 <= 250 ms, 0 overbooked',
      met:
        perS / floorPerS >= 0.5 &&
        median(runs.map((r) => r.p99)) <= 250 &&
        (over?.n ?? 0) === 0 &&
        runs.every((r) => r.errors + r.errors5xx === 0),
      measured_at: new Date().toISOString(),
    };
  } finally {
    await sql.end();
  }
}

/** The PostgreSQL server the bench runs on, described for the report. */
type DatabaseServer = {
  /** A URL to its `postgres` (or given) database, where scratch databases are created. */
  url: string;
  /** Which server, in words: "the server in DATABASE_URL (…)" or "a temporary … cluster". */
  label: string;
  /** `select version()`. */
  version: string;
  destroy: () => void;
};

let DB: DatabaseServer | null = null;
const db = (): DatabaseServer => {
  if (!DB) throw new Error('no database server yet');
  return DB;
};

/** The server in DATABASE_URL, or a throwaway cluster of our own (see the header). */
async function databaseServer(): Promise<DatabaseServer> {
  const given = process.env.DATABASE_URL;
  let cluster: Cluster | null = null;
  let url: string;
  let label: string;
  if (given) {
    const u = new URL(given);
    url = given;
    label = `the server in DATABASE_URL (${u.hostname}:${u.port || '5432'})`;
  } else {
    // A fixed port by default so that the report reads the same from run to run; another
    // free one if something (a fault drill's cluster) already listens there.
    const wantedPort = Number(process.env.BENCH_PG_PORT ?? 5499);
    const port = (await canListen(wantedPort)) ? wantedPort : await pickPort();
    cluster = startCluster(port, 'passerelle-bench');
    url = cluster.url;
    const release = /PostgreSQL\)?\s+([\d.]+)/.exec(cluster.version)?.[1] ?? cluster.version;
    label = `a temporary PostgreSQL ${release} cluster started by the bench on port ${port}`;
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string }[]>`select version()`;
    return {
      url,
      label,
      version: row?.version ?? 'unknown',
      destroy: () => cluster?.destroy(),
    };
  } catch (error) {
    cluster?.destroy();
    throw error;
  } finally {
    await sql.end();
  }
}

/** A scratch database on the server, and how to drop it. */
async function scratchDatabase() {
  const name = `passerelle_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(db().url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(db().url);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function eventPage(): Promise<{
  eventPage: Figures;
  firstLoad: Figures;
  registrationBurst: Figures;
}> {
  // A scratch database, seeded with the demo events.
  const { databaseUrl, drop } = await scratchDatabase();
  try {
    const seeded = spawnSync('npx', ['tsx', 'db/seed.ts'], {
      cwd: ROOT,
      env: env({ DATABASE_URL: databaseUrl }),
    });
    if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
    const server = startServer({ DATABASE_URL: databaseUrl, PGLITE_DIR: undefined });
    try {
      await waitFor(`http://localhost:${PORT}/fr`, 60_000);
      const base = `http://localhost:${PORT}`;
      const page = `${base}${EVENT}`;
      // The floor: our simplest page, the legal notice (same layout, same proxy), served by
      // the same server. Both are what an anonymous visitor gets, rendered for the request
      // (each answer carries its own script nonce: see proxy.ts).
      const staticPage = `${base}/fr/legal-notice`;
      const firstLoad = await firstLoadJs(base, PUBLIC_PAGES);
      // Both rendered per request, the ratio mostly compares how much each page renders:
      // their sizes say how much of it is the event page's length (its programme).
      const kb = async (url: string) =>
        Number(((await (await fetch(url)).arrayBuffer()).byteLength / 1024).toFixed(1));
      const [pageKb, floorKb] = [await kb(page), await kb(staticPage)];
      await load(page);
      await load(staticPage);
      const pageRuns: Awaited<ReturnType<typeof load>>[] = [];
      const staticRuns: Awaited<ReturnType<typeof load>>[] = [];
      for (let i = 0; i < RUNS; i++) {
        pageRuns.push(await load(page));
        staticRuns.push(await load(staticPage));
      }
      const rps = median(pageRuns.map((r) => r.rps));
      const floorRps = median(staticRuns.map((r) => r.rps));
      const eventPage = {
        rps: Math.round(rps),
        p50_ms: median(pageRuns.map((r) => r.p50)),
        p99_ms: median(pageRuns.map((r) => r.p99)),
        errors: pageRuns.reduce((n, r) => n + r.errors, 0),
        html_kb: pageKb,
        floor_html_kb: floorKb,
        floor:
          '/fr/legal-notice rendered per request (its own nonce, same layout and proxy), same server',
        floor_rps: Math.round(floorRps),
        ratio: Number((rps / floorRps).toFixed(2)),
        goal: 'ratio >= 0.8',
        met: rps / floorRps >= 0.8 && pageRuns.every((r) => r.errors === 0),
        measured_at: new Date().toISOString(),
      };
      return {
        eventPage,
        firstLoad,
        registrationBurst: await registrationBurst(base, databaseUrl),
      };
    } finally {
      await stop(server);
    }
  } finally {
    await drop();
  }
}

/** A scratch database and the production server on it (which migrates it at start). */
async function withApp<T>(
  work: (app: { base: string; databaseUrl: string; sql: postgres.Sql; pid: number }) => Promise<T>,
): Promise<T> {
  const { databaseUrl, drop } = await scratchDatabase();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const server = startServer({ DATABASE_URL: databaseUrl, PGLITE_DIR: undefined });
    try {
      await waitFor(`http://localhost:${PORT}/fr`, 60_000);
      return await work({
        base: `http://localhost:${PORT}`,
        databaseUrl,
        sql,
        pid: server.pid as number,
      });
    } finally {
      await stop(server);
    }
  } finally {
    await sql.end();
    await drop();
  }
}

/** A published event taking open registrations (no capacity), straight into the database. */
async function plainEvent(sql: postgres.Sql, slug: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into events (slug, status, format, mode, city, country, time_zone, starts_at, ends_at,
      registration_mode, title_fr, title_en, published_at)
    values (${slug}, 'published', 'colloquium', 'in_person', 'Paris', 'FR', 'Europe/Paris',
      '2030-04-13T07:00:00Z', '2030-04-14T15:00:00Z', 'open', ${`Banc d’essai ${slug}`},
      ${`Bench ${slug}`}, now())
    returning id`;
  return (row as { id: string }).id;
}

/** Two parallel workshops at the same hour, for registrations to choose between. */
async function twoWorkshops(sql: postgres.Sql, eventId: string): Promise<[string, string]> {
  const rows = await sql<{ id: string }[]>`
    insert into programme_sessions (event_id, type, title_fr, title_en, starts_at, ends_at)
    values (${eventId}, 'parallel_workshop', 'Atelier A', 'Workshop A',
        '2030-04-13T09:00:00Z', '2030-04-13T10:30:00Z'),
      (${eventId}, 'parallel_workshop', 'Atelier B', 'Workshop B',
        '2030-04-13T09:00:00Z', '2030-04-13T10:30:00Z')
    returning id`;
  return [rows[0]?.id as string, rows[1]?.id as string];
}

/**
 * Signed-in people, as Auth.js keeps them: a user, one role grant, a database session.
 * The session expires in 30 days like a fresh sign-in's (config.ts maxAge), so that Auth.js
 * does not rewrite its expiry on every request. `secondFactor`: organisers and admins hold
 * their grants only once the session passed it (withSecondFactor); check-in staff do not.
 */
async function signedIn(
  sql: postgres.Sql,
  tag: string,
  n: number,
  grant: { role: 'checkin_staff' | 'organiser'; eventId: string },
  secondFactor: boolean,
): Promise<{ userId: string; cookie: { name: string; value: string } }[]> {
  const people = Array.from({ length: n }, (_, i) => ({
    userId: crypto.randomUUID(),
    email: `${tag}.${i}@bench.example`,
    token: crypto.randomBytes(32).toString('hex'),
  }));
  const ids = people.map((p) => p.userId);
  await sql`insert into users (id, email, name)
    select id, email, 'Banc ' || email
    from unnest(${sql.array(ids)}::text[], ${sql.array(people.map((p) => p.email))}::text[])
      as t(id, email)`;
  await sql`insert into role_grants (user_id, role, event_id)
    select id, ${grant.role}, ${grant.eventId}::uuid from unnest(${sql.array(ids)}::text[]) as t(id)`;
  await sql`insert into sessions (session_token, user_id, expires, second_factor_at)
    select token, id, now() + interval '30 days', ${secondFactor ? sql`now()` : null}
    from unnest(${sql.array(people.map((p) => p.token))}::text[], ${sql.array(ids)}::text[])
      as t(token, id)`;
  return people.map((p) => ({
    userId: p.userId,
    cookie: { name: 'authjs.session-token', value: p.token },
  }));
}

const SCANNERS = Number(process.env.BENCH_SCANNERS ?? 20);
const SCANS_EACH = Number(process.env.BENCH_SCANS_EACH ?? 50);

type Door = {
  eventId: string;
  scanners: { userId: string; cookie: { name: string; value: string }; codes: string[] }[];
};

/**
 * A fresh event with `scanners` fresh check-in staff and `scanners × each` confirmed
 * registrations, each scanner given tickets of its own. Fresh every run: the scan limits
 * (lib/rate-limit.ts: 120 a minute per member of staff, 1,200 per event) count per staff
 * member and per event, so a burst of 20 × 50 = 1,000 scans stays under both.
 */
async function door(sql: postgres.Sql, tag: string, scanners: number, each: number) {
  const eventId = await plainEvent(sql, `banc-porte-${tag}`);
  // A ticket code is 16 random bytes in hex, drawn at registration
  // (lib/registrations/mutations.ts); the QR code carries it after TICKET_PREFIX.
  const codes = Array.from({ length: scanners * each }, () =>
    crypto.randomBytes(16).toString('hex'),
  );
  await sql`insert into registrations (event_id, email, first_name, last_name, organisation,
      function, country, locale, status, manage_token_hash, privacy_acknowledged_at, ticket_code)
    select ${eventId}::uuid, ${`porte-${tag}.`} || i || '@bench.example', 'Camille', 'Porte ' || i,
      'Ministère de l’Intérieur', 'Chargée de mission', 'FR', 'fr', 'confirmed',
      md5(code), now(), code
    from unnest(${sql.array(codes)}::text[]) with ordinality as t(code, i)`;
  const staff = await signedIn(
    sql,
    `accueil-${tag}`,
    scanners,
    { role: 'checkin_staff', eventId },
    false,
  );
  return {
    eventId,
    scanners: staff.map((s, k) => ({ ...s, codes: codes.slice(k * each, (k + 1) * each) })),
  } satisfies Door;
}

type Burst = {
  seconds: number;
  latencies: number[];
  accepted: number;
  errors: number;
  seen: string[];
};

/** Every scanner scans its tickets one after another, all scanners at once. */
async function burst(
  scanners: Door['scanners'],
  scanOne: (
    scanner: Door['scanners'][number],
    k: number,
    code: string,
    j: number,
  ) => Promise<string>,
): Promise<Burst> {
  const latencies: number[] = [];
  const seen = new Map<string, number>();
  let accepted = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    scanners.map(async (scanner, k) => {
      for (const [j, code] of scanner.codes.entries()) {
        const t0 = performance.now();
        let outcome: string;
        try {
          outcome = await scanOne(scanner, k, code, j);
        } catch (error) {
          outcome = `thrown: ${(error as Error).message.slice(0, 80)}`;
        }
        latencies.push(performance.now() - t0);
        if (outcome === 'checked_in') accepted++;
        else errors++;
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }
    }),
  );
  return {
    seconds: (performance.now() - start) / 1000,
    latencies,
    accepted,
    errors,
    seen: [...seen].map(([o, n]) => `${o} × ${n}`),
  };
}

/**
 * Scans through the real server action, over HTTP as the check-in page's browser sends
 * them: React's encoding of the call, posted to the desk page with the action's id, and
 * the cookies that browser holds (its session, and the NEXT_LOCALE cookie the proxy set
 * when it opened the desk: without it the proxy sets it again on every answer, and Next
 * renders the whole page back with any action that sets a cookie).
 */
async function httpScans(base: string, action: { id: string; url: string }, d: Door) {
  const run = crypto.randomBytes(3).toString('hex');
  return burst(d.scanners, async (scanner, k, code, j) => {
    const { headers, data } = encodeActionCall({
      kind: 'json',
      input: {
        eventId: d.eventId,
        code: ticketPayload(code),
        direction: 'in',
        clientScanId: `bench-${run}-${k}-${j}`,
      },
    });
    const res = await fetch(`${base}${action.url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...headers,
        accept: 'text/x-component',
        'next-action': action.id,
        origin: base,
        cookie: `${scanner.cookie.name}=${scanner.cookie.value}; NEXT_LOCALE=fr`,
      },
      body: data,
    });
    const raw = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) return `HTTP ${res.status}`;
    const result = decodeFlight(raw) as
      | { ok?: boolean; data?: { outcome?: string }; message?: string }
      | undefined;
    if (!result?.ok) return `refused: ${result?.message ?? raw.subarray(0, 80).toString()}`;
    return result.data?.outcome ?? 'no outcome';
  });
}

/**
 * The floor: a scan's own statements (lib/attendance/mutations.ts `scan`, after the limits
 * of lib/rate-limit.ts), through postgres.js with the app's pool size, 20 callers at once.
 * As in the app, the two limits are counted by one upsert committed on its own (a refused
 * scan must still count), then one transaction: the event, the ticket's registration locked,
 * the replay check, the person's last scan, the scan inserted and its audit line.
 */
async function bareScans(databaseUrl: string, d: Door) {
  const sql = postgres(databaseUrl, { max: POOL_SIZE, onnotice: () => {} });
  const run = crypto.randomBytes(3).toString('hex');
  try {
    return await burst(d.scanners, async (scanner, k, code, j) => {
      const [user, event] = [`scan:user:${scanner.userId}`, `scan:event:${d.eventId}`].sort();
      const counted = await sql<{ key: string; hits: number }[]>`
        with wanted(key, win, n) as (values (${user as string}::text, 60::int, 1::int),
          (${event as string}::text, 60::int, 1::int)),
        up as (
          insert into rate_limits (key, window_start, hits)
          select key, now(), n from wanted order by key
          on conflict (key) do update set
            hits = case when rate_limits.window_start <= now()
                - make_interval(secs => (select w.win from wanted w where w.key = excluded.key))
              then excluded.hits else rate_limits.hits + excluded.hits end,
            window_start = case when rate_limits.window_start <= now()
                - make_interval(secs => (select w.win from wanted w where w.key = excluded.key))
              then now() else rate_limits.window_start end
          returning key, hits, window_start
        )
        select up.key, up.hits,
          ceil(extract(epoch from (up.window_start + make_interval(secs => w.win) - now())))::int
            as left
        from up join wanted w using (key)`;
      if (counted.length !== 2) return 'limits not counted';
      const clientScanId = `floor-${run}-${k}-${j}`;
      const at = new Date();
      return sql.begin(async (tx) => {
        const [ev] = await tx`select confidentiality from events where id = ${d.eventId}`;
        if (!ev) return 'no event';
        const [reg] = await tx<{ id: string; event_id: string; status: string }[]>`
          select id, event_id, status, first_name, last_name, organisation from registrations
          where ticket_code = ${code} limit 2 for update`;
        if (!reg || reg.event_id !== d.eventId) return 'unknown';
        const [replayed] = await tx`select id, scanned_at from checkin_scans
          where event_id = ${d.eventId} and client_scan_id = ${clientScanId}`;
        if (replayed) return 'replayed';
        const [last] = await tx<{ kind: string }[]>`select kind, scanned_at from checkin_scans
          where registration_id = ${reg.id} and session_id is null and kind <> 'undo'
            and scanned_at <= ${at}
            and not exists (select 1 from checkin_scans u where u.undoes_id = checkin_scans.id)
          order by scanned_at desc, recorded_at desc limit 1`;
        if (last?.kind === 'in') return 'already_in';
        const [row] = await tx<{ id: string }[]>`insert into checkin_scans (event_id,
            registration_id, session_id, kind, scanned_at, scanned_by, door, client_scan_id)
          values (${d.eventId}, ${reg.id}, null, 'in', ${at}, ${scanner.userId}, '',
            ${clientScanId})
          returning id`;
        await tx`insert into audit_log (actor_id, action, subject_type, subject_id, data)
          values (${scanner.userId}, 'checkin.scan', 'registration', ${reg.id},
            ${tx.json({ eventId: d.eventId, scanId: (row as { id: string }).id, sessionId: null, direction: 'in', door: '' })})`;
        return 'checked_in';
      });
    });
  } finally {
    await sql.end();
  }
}

/** checkin_scans: 20 doors scanning at once through the check-in page's server action. */
async function checkinScans(): Promise<Figures> {
  const ref = actionIds()['lib/attendance/actions.ts#scanAction'];
  if (!ref) throw new Error('scanAction is not in the build (run npm run build)');
  return withApp(async ({ base, databaseUrl, sql }) => {
    // The action is posted to the page that loads it (the check-in desk), as React does.
    const actionFor = (eventId: string) => ({
      id: ref.id,
      url: fill(urlPattern(`${ref.worker}.tsx`), { locale: 'fr', eventId }),
    });
    const tag = () => crypto.randomBytes(3).toString('hex');
    // Warmed first on an event of its own: the action's code compiled, statements prepared.
    const warm = await door(sql, `chauffe-${tag()}`, SCANNERS, 5);
    const warmed = await httpScans(base, actionFor(warm.eventId), warm);
    if (warmed.accepted === 0)
      throw new Error(`no warm-up scan accepted: ${warmed.seen.join(', ')}`);
    const runs: Burst[] = [];
    const floors: Burst[] = [];
    for (let i = 0; i < RUNS; i++) {
      const d = await door(sql, `http-${i}-${tag()}`, SCANNERS, SCANS_EACH);
      runs.push(await httpScans(base, actionFor(d.eventId), d));
      floors.push(
        await bareScans(databaseUrl, await door(sql, `sql-${i}-${tag()}`, SCANNERS, SCANS_EACH)),
      );
    }
    const perS = median(runs.map((r) => r.accepted / r.seconds));
    const floorPerS = median(floors.map((r) => r.accepted / r.seconds));
    const p50 = median(runs.map((r) => percentile(r.latencies, 0.5)));
    const p99 = median(runs.map((r) => percentile(r.latencies, 0.99)));
    const errors = runs.reduce((n, r) => n + r.errors, 0);
    return {
      per_s: Math.round(perS),
      floor_per_s: Math.round(floorPerS),
      ratio: Number((perS / floorPerS).toFixed(2)),
      p50_ms: ms(p50),
      p99_ms: ms(p99),
      floor_p50_ms: ms(median(floors.map((r) => percentile(r.latencies, 0.5)))),
      floor_p99_ms: ms(median(floors.map((r) => percentile(r.latencies, 0.99)))),
      scans: runs.reduce((n, r) => n + r.latencies.length, 0),
      accepted: runs.reduce((n, r) => n + r.accepted, 0),
      errors,
      outcomes: runs.flatMap((r) => r.seen).join('; '),
      floor_errors: floors.reduce((n, r) => n + r.errors, 0),
      scanners: SCANNERS,
      scans_per_scanner: SCANS_EACH,
      floor: `a scan's statements (limits upsert, then lock the ticket's registration, replay and state checks, insert the scan and its audit line) through postgres.js, pool of ${POOL_SIZE}, ${SCANNERS} callers, same run`,
      goal: 'ratio >= 0.5, p99 <= 50 ms, every scan accepted',
      met: perS / floorPerS >= 0.5 && p99 <= 50 && errors === 0,
      measured_at: new Date().toISOString(),
    };
  });
}

const LIST_ROWS = Number(process.env.BENCH_LIST_ROWS ?? 50_000);
const LIST_REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 20);
const LIST_PAGE_SIZE = 50; // REGISTRATIONS_PAGE_SIZE in lib/registrations/organiser.ts
// Confirmed registrations of the ministries' staff, sorted by name, page 200: 60 % of the
// rows are confirmed and half the organisations are ministries, so 15,000 rows match at
// 50,000 registrations (300 pages), and page 200 means skipping 9,950 of them.
const LIST_FILTER = { status: 'confirmed', organisation: 'ministère', sort: 'name', page: 200 };

/** The page's reads of the list (lib/registrations/organiser.ts listEventRegistrations). */
async function listQueries(sql: postgres.Sql, eventId: string, userId: string) {
  const pattern = `%${LIST_FILTER.organisation}%`;
  // The three reads run at once on the pool, as the page's Promise.all does them; the page
  // of rows carries the number of rows matching (a window count over the same scan).
  await Promise.all([
    sql`select status, count(*) from registrations where event_id = ${eventId} group by status`,
    sql`select id, seq, status, first_name, last_name, email, organisation, function, country,
        created_at, count(*) over ()
      from registrations where event_id = ${eventId} and status = ${LIST_FILTER.status}
        and organisation ilike ${pattern}
      order by last_name asc, first_name asc, seq asc
      limit ${LIST_PAGE_SIZE} offset ${(LIST_FILTER.page - 1) * LIST_PAGE_SIZE}`,
    sql`select ps.id, ps.title_fr, ps.title_en, ps.capacity,
        count(*) filter (where r.status in ('confirmed', 'offered'))::int,
        count(*) filter (where r.status = 'waitlisted')::int,
        count(*) filter (where r.status = 'pending')::int
      from programme_sessions ps
      left join registration_sessions rs on rs.session_id = ps.id
      left join registrations r on r.id = rs.registration_id
      where ps.event_id = ${eventId} and ps.type in ('parallel_workshop', 'visit')
      group by ps.id order by ps.starts_at asc, ps.title_fr asc`,
  ]);
  // Then the read is written to the audit log.
  await sql`insert into audit_log (actor_id, action, subject_type, subject_id, data)
    values (${userId}, 'registrations.list', 'event', ${eventId},
      ${sql.json({ status: LIST_FILTER.status, q: null, session: null, organisation: LIST_FILTER.organisation, country: null, answer: null, page: LIST_FILTER.page })})`;
}

/** Times `n` calls one after another (one organiser clicking through pages). */
async function sequential(n: number, call: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/**
 * organiser_list_50k: an event of 50,000 registrations (statuses, organisations and
 * countries varied), its organiser signed in, opening the registrations page filtered,
 * sorted by name, at page 200. Requests one after another (an organiser reads one page at
 * a time; concurrency would measure the 2 cores, not the page). The floor: the page's own
 * list queries through postgres.js, same pool size, one after another too.
 */
async function organiserList50k(): Promise<Figures> {
  return withApp(async ({ base, databaseUrl, sql }) => {
    const eventId = await plainEvent(sql, 'banc-liste');
    const [s1, s2] = await twoWorkshops(sql, eventId);
    const organisations = [
      'Ministère de l’Intérieur',
      'Ministère de l’Éducation nationale',
      'Ministère de la Justice',
      'Ministère des Armées',
      'Ministère de l’Europe et des Affaires étrangères',
      'Ministère des Solidarités',
      'Préfecture du Rhône',
      'Université de Lyon',
      'Institute for Strategic Dialogue',
      'Commission européenne',
      'Ville de Marseille',
      'Office des Nations unies contre la drogue et le crime',
    ];
    const countries = ['FR', 'BE', 'DE', 'TN', 'MA', 'SN', 'JO', 'IT', 'ES', 'NL'];
    const firstNames = [
      'Camille',
      'Dominique',
      'Yasmine',
      'Jean',
      'Amadou',
      'Sofia',
      'Lars',
      'Inès',
    ];
    // Statuses by i % 20: 12 confirmed (60 %), 3 pending, 2 waitlisted, 2 cancelled, 1 rejected.
    await sql`insert into registrations (event_id, email, first_name, last_name, organisation,
        function, country, locale, status, manage_token_hash, privacy_acknowledged_at)
      select ${eventId}::uuid, 'l' || i || '@bench.example',
        (${sql.array(firstNames)}::text[])[1 + (i * 7) % ${firstNames.length}],
        'Nom ' || lpad(((i * 7919) % ${LIST_ROWS})::text, 6, '0'),
        (${sql.array(organisations)}::text[])[1 + (i * 5) % ${organisations.length}],
        'Chargée de mission',
        (${sql.array(countries)}::text[])[1 + (i * 3) % ${countries.length}],
        'fr',
        (case when i % 20 < 12 then 'confirmed' when i % 20 < 15 then 'pending'
          when i % 20 < 17 then 'waitlisted' when i % 20 < 19 then 'cancelled'
          else 'rejected' end)::registration_status,
        md5('liste' || i), now()
      from generate_series(1, ${LIST_ROWS}) as i`;
    await sql`insert into registration_sessions (registration_id, session_id)
      select r.id, case when r.seq % 2 = 0 then ${s1 as string}::uuid else ${s2 as string}::uuid end
      from registrations r where r.event_id = ${eventId}`;
    // As autovacuum leaves a table at rest after such an insert: statistics, visibility map.
    await sql`vacuum analyze registrations`;
    await sql`vacuum analyze registration_sessions`;
    const [organiser] = await signedIn(
      sql,
      'organisatrice',
      1,
      { role: 'organiser', eventId },
      true,
    );
    if (!organiser) throw new Error('no organiser');
    const search = new URLSearchParams(
      Object.entries(LIST_FILTER).map(([k, v]) => [k, String(v)]),
    ).toString();
    const url = `${base}/fr/organiser/events/${eventId}/registrations?${search}`;
    // The cookies of the organiser's browser: the session, and the locale the proxy set.
    const cookie = `${organiser.cookie.name}=${organiser.cookie.value}; NEXT_LOCALE=fr`;
    const [matching] = await sql<{ n: number }[]>`select count(*)::int as n from registrations
      where event_id = ${eventId} and status = ${LIST_FILTER.status}
        and organisation ilike ${`%${LIST_FILTER.organisation}%`}`;
    const pages = Math.ceil((matching?.n ?? 0) / LIST_PAGE_SIZE);
    if (pages < LIST_FILTER.page) {
      throw new Error(`the filter leaves ${pages} pages, fewer than ${LIST_FILTER.page}`);
    }
    const open = async () => {
      const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      const html = await res.text();
      if (res.status !== 200 || !html.includes(`Page ${LIST_FILTER.page} sur ${pages}`)) {
        throw new Error(
          `${url} answered ${res.status} without page ${LIST_FILTER.page} of ${pages}`,
        );
      }
    };
    const floorSql = postgres(databaseUrl, { max: POOL_SIZE, onnotice: () => {} });
    try {
      // Warmed first: the page compiled, statements prepared, the rows in PostgreSQL's cache.
      await sequential(3, open);
      await sequential(3, () => listQueries(floorSql, eventId, organiser.userId));
      const runs: number[][] = [];
      const floors: number[][] = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(await sequential(LIST_REQUESTS, open));
        floors.push(
          await sequential(LIST_REQUESTS, () => listQueries(floorSql, eventId, organiser.userId)),
        );
      }
      const p95 = median(runs.map((r) => percentile(r, 0.95)));
      const floorP95 = median(floors.map((r) => percentile(r, 0.95)));
      return {
        rows: LIST_ROWS,
        matching: matching?.n ?? 0,
        page: LIST_FILTER.page,
        pages,
        query: search,
        requests: RUNS * LIST_REQUESTS,
        p50_ms: ms(median(runs.map((r) => percentile(r, 0.5)))),
        p95_ms: ms(p95),
        floor_p50_ms: ms(median(floors.map((r) => percentile(r, 0.5)))),
        floor_p95_ms: ms(floorP95),
        ratio: Number((floorP95 / p95).toFixed(2)),
        floor: `the page's list queries (counts by status, the page of rows with the matching count, per-session counts; then its audit line) through postgres.js, pool of ${POOL_SIZE}, one request after another`,
        goal: 'p95 <= 150 ms',
        met: p95 <= 150,
        measured_at: new Date().toISOString(),
      };
    } finally {
      await floorSql.end();
    }
  });
}

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 50_000);
const EXPORT_GROWTH_MB = 100;

/** The resident memory of a process and its descendants, in MB (Linux /proc). */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop() as number;
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    todo.push(...(children.get(p) ?? []));
  }
  return kb / 1024;
}

/** Downloads a URL as a browser would, sampling the server's memory meanwhile. */
async function sampledDownload(url: string, cookie: string, serverPid: number) {
  const before = treeRssMb(serverPid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMb(serverPid));
  }, 50);
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const chunks: Uint8Array[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, treeRssMb(serverPid));
  return { seconds, before, peak, body: Buffer.concat(chunks) };
}

/**
 * export_50k: 50,000 registrations of one event (two sessions, two questions answered) on
 * real PostgreSQL, downloaded as CSV then XLSX by its organiser from the production
 * server; the server's RSS sampled before and during each download. The floor: the same
 * rows read in batches by postgres.js and joined as CSV lines, in this process.
 */
async function export50k(): Promise<Figures> {
  return withApp(async ({ base, sql, pid }) => {
    const event = async (slug: string) => {
      const [row] = await sql<{ id: string }[]>`
        insert into events (slug, status, format, mode, city, country, time_zone, starts_at,
          ends_at, registration_mode, title_fr, title_en, published_at)
        values (${slug}, 'published', 'colloquium', 'in_person', 'Paris', 'FR', 'Europe/Paris',
          '2030-04-13T07:00:00Z', '2030-04-14T15:00:00Z', 'open', ${`Export ${slug}`},
          ${`Export ${slug}`}, now())
        returning id`;
      return (row as { id: string }).id;
    };
    const eventId = await event('banc-export');
    const warmId = await event('banc-export-chauffe');
    const sessionIds = await twoWorkshops(sql, eventId);
    const [question] = await sql<{ id: string }[]>`
      insert into registration_questions (event_id, position, kind, label_fr, label_en)
      values (${eventId}, 1, 'long_text', 'Attentes', 'Expectations') returning id`;
    const q = (question as { id: string }).id;
    for (const [id, n] of [
      [eventId, EXPORT_ROWS],
      [warmId, 200],
    ] as const) {
      await sql`
        insert into registrations (event_id, email, first_name, last_name, organisation,
          function, country, locale, status, manage_token_hash, privacy_acknowledged_at, answers)
        select ${id}::uuid, 'p' || i || '@bench.example', 'Camille', 'Banc ' || i,
          'Ministère ' || (i % 40), 'Chargée de mission', 'FR', 'fr', 'confirmed',
          md5(${id}::text || i::text), now(),
          jsonb_build_object(${q}::text, 'Échanger sur les pratiques de prévention ' || i)
        from generate_series(1, ${n}) as i`;
    }
    await sql`insert into registration_sessions (registration_id, session_id)
      select r.id, case when r.seq % 2 = 0 then ${sessionIds[0] as string}::uuid
        else ${sessionIds[1] as string}::uuid end
      from registrations r where r.event_id = ${eventId}`;
    // The organiser of both events, signed in (a database session, as Auth.js keeps them).
    const userId = crypto.randomUUID();
    const token = crypto.randomBytes(32).toString('hex');
    await sql`insert into users (id, email, name) values (${userId}, 'banc@bench.example', 'Banc')`;
    await sql`insert into role_grants (user_id, role, event_id)
      values (${userId}, 'organiser', ${eventId}), (${userId}, 'organiser', ${warmId})`;
    // Organisers hold their grants once the session passed the second factor; 30 days as
    // a fresh sign-in's, so that Auth.js does not rewrite the expiry on every request.
    await sql`insert into sessions (session_token, user_id, expires, second_factor_at)
      values (${token}, ${userId}, now() + interval '30 days', now())`;
    const cookie = `authjs.session-token=${token}`;
    const href = (id: string, format: string) =>
      `${base}/api/events/${id}/exports/registrations?format=${format}&locale=fr`;
    // Warmed first: the route compiled and its statements prepared, on a small event.
    for (const format of ['csv', 'xlsx']) {
      await sampledDownload(href(warmId, format), cookie, pid);
    }
    const csv = await sampledDownload(href(eventId, 'csv'), cookie, pid);
    const csvRows = csv.body.toString('utf8').split('\r\n').length - 3;
    const xlsx = await sampledDownload(href(eventId, 'xlsx'), cookie, pid);
    const floorStart = performance.now();
    let after = 0;
    let floorBytes = 0;
    for (;;) {
      const rows = await sql<Record<string, string | number>[]>`
        select seq, status, last_name, first_name, email, organisation, function, country,
          locale, created_at, answers::text as answers
        from registrations where event_id = ${eventId} and seq > ${after}
        order by seq limit 1000`;
      if (rows.length === 0) break;
      floorBytes += rows.map((r) => Object.values(r).join(';')).join('\r\n').length;
      after = Number(rows[rows.length - 1]?.seq);
    }
    const floorSeconds = (performance.now() - floorStart) / 1000;
    const mb = (n: number) => Number(n.toFixed(1));
    return {
      rows: EXPORT_ROWS,
      csv_rows_read_back: csvRows,
      seconds: Number(csv.seconds.toFixed(2)),
      rss_before_mb: mb(csv.before),
      rss_peak_mb: mb(csv.peak),
      memory_growth_mb: mb(csv.peak - csv.before),
      csv_mb: mb(csv.body.length / 2 ** 20),
      xlsx_seconds: Number(xlsx.seconds.toFixed(2)),
      xlsx_rss_before_mb: mb(xlsx.before),
      xlsx_rss_peak_mb: mb(xlsx.peak),
      xlsx_memory_growth_mb: mb(xlsx.peak - xlsx.before),
      xlsx_mb: mb(xlsx.body.length / 2 ** 20),
      floor_seconds: Number(floorSeconds.toFixed(2)),
      ratio: Number((floorSeconds / csv.seconds).toFixed(2)),
      floor: `the same rows read by postgres.js in batches of 1000 (${mb(floorBytes / 2 ** 20)} MB joined), no HTTP`,
      measured_at: new Date().toISOString(),
      // Streamed, the growth is the server's working set; a CSV built in memory would
      // hold its 50,000 rows and their text at once and grow well past it.
      goal: `memory_growth_mb <= ${EXPORT_GROWTH_MB} (streamed, whatever the row count), all rows read back`,
      met:
        csv.peak - csv.before <= EXPORT_GROWTH_MB &&
        xlsx.peak - xlsx.before <= EXPORT_GROWTH_MB &&
        csvRows === EXPORT_ROWS,
    };
  });
}

async function embeddedStart(): Promise<Figures> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
    const server = startServer({ DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, 'pglite') });
    try {
      times.push(await waitFor(`http://localhost:${PORT}/fr`, 60_000));
    } finally {
      await stop(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const seconds = median(times) / 1000;
  return {
    seconds: Number(seconds.toFixed(2)),
    floor: null,
    goal: 'seconds <= 5 (a fresh PGlite folder: created and migrated, then /fr answers)',
    met: seconds <= 5,
    measured_at: new Date().toISOString(),
  };
}

/** Scenarios in the report's order, with the headline figures of the summary table. */
const SCENARIOS: {
  name: string;
  what: string;
  measured: (f: Figures) => string;
  floor: (f: Figures) => string;
}[] = [
  {
    name: 'registration_burst',
    what: `Public registrations through POST /api/events/[slug]/registrations, ${BURST_CONNECTIONS} connections at once (autocannon), each request a new person from their own address, on an event of ${BURST_CAPACITY} seats.`,
    measured: (f) => `${f.per_s}/s, p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms`,
    floor: (f) => `${f.floor_per_s}/s`,
  },
  {
    name: 'checkin_scans',
    what: `${SCANNERS} check-in staff of a fresh event (each signed in by a database session), scanning ${SCANS_EACH} tickets each at once (plain fetch loops, each request timed), through the server action scanAction posted to the check-in page as the browser does. A fixed burst, not a timed run: the scan limits are 120 a minute per member of staff and 1,200 per event. Every answer must be an accepted scan (checked_in).`,
    measured: (f) => `${f.per_s} scans/s, p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms`,
    floor: (f) => `${f.floor_per_s} scans/s`,
  },
  {
    name: 'organiser_list_50k',
    what: `The organiser's registrations page of an event of ${LIST_ROWS.toLocaleString('en')} registrations (varied statuses, organisations, countries), signed in with the second factor passed, filtered, sorted by name, at page ${LIST_FILTER.page}; requests one after another (plain fetch), ${LIST_REQUESTS} per run.`,
    measured: (f) => `p95 ${f.p95_ms} ms (p50 ${f.p50_ms} ms)`,
    floor: (f) => `p95 ${f.floor_p95_ms} ms`,
  },
  {
    name: 'export_50k',
    what: `CSV then XLSX download of ${EXPORT_ROWS.toLocaleString('en')} registrations by the event's organiser; the server's resident memory (with its children) sampled every 50 ms. Ratio: floor seconds over CSV seconds.`,
    measured: (f) =>
      `CSV ${f.seconds} s, +${f.memory_growth_mb} MB; XLSX ${f.xlsx_seconds} s, +${f.xlsx_memory_growth_mb} MB`,
    floor: (f) => `${f.floor_seconds} s`,
  },
  {
    name: 'event_page',
    what: `A public event page as an anonymous visitor gets it, ${CONNECTIONS} connections for ${SECONDS} s (autocannon, compressed). Every public page is rendered per request (each carries its own CSP nonce, see proxy.ts), the floor too.`,
    measured: (f) => `${f.rps} req/s, p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms`,
    floor: (f) => `${f.floor_rps} req/s`,
  },
  {
    name: 'embedded_start',
    what: 'The production server started on an empty embedded (PGlite) folder, until /fr answers 200.',
    measured: (f) => `${f.seconds} s`,
    floor: () => '—',
  },
  {
    name: 'first_load_js',
    what: 'The JavaScript a browser downloads before a public page works (its <script src>, gzipped).',
    measured: (f) => `max ${f.max_kb} KB`,
    floor: () => '—',
  },
];

function machine() {
  const cpus = os.cpus();
  let system = `${os.type()} ${os.release()}`;
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
    if (pretty) system = `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux: the kernel's name will do
  }
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores`,
    ram: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: system,
    node: process.version,
  };
}

function report(meta: {
  measuredAt: string;
  machine: ReturnType<typeof machine>;
  database: string;
  postgres: string;
  results: Record<string, Figures>;
}): string {
  const { results } = meta;
  const cell = (v: unknown) => String(v ?? '—').replace(/\|/g, '\\|');
  const known = SCENARIOS.filter((s) => results[s.name]);
  const summary = [
    '| scenario | measured | floor | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...known.map((s) => {
      const f = results[s.name] as Figures;
      const met = f.met === undefined ? '—' : f.met ? 'yes' : '**no**';
      return `| ${s.name} | ${cell(s.measured(f))} | ${cell(s.floor(f))} | ${cell(f.ratio)} | ${cell(f.goal)} | ${met} |`;
    }),
  ].join('\n');
  const sections = known
    .map((s) => {
      const f = results[s.name] as Figures;
      const figures = Object.entries(f)
        .filter(([k]) => !['floor', 'goal', 'met'].includes(k))
        .map(([k, v]) => `| ${k} | ${cell(v)} |`)
        .join('\n');
      return [
        `### ${s.name}`,
        '',
        s.what,
        '',
        `**Floor:** ${f.floor ?? 'none (an absolute goal)'}.`,
        `**Goal:** ${f.goal}; **met:** ${f.met ? 'yes' : 'no'}.`,
        '',
        '| figure | value |',
        '| --- | --- |',
        figures,
      ].join('\n');
    })
    .join('\n\n');
  const m = meta.machine;
  const short = SHORT_RUN
    ? `\n> **A short run** (BENCH_RUNS=${RUNS}, BENCH_SECONDS=${SECONDS}) to check that the bench works: its figures are not a measurement.\n`
    : '';
  return `# Benchmarks

Generated by \`tests/bench/run.ts\`: do not edit by hand.
${short}
- **Date:** ${meta.measuredAt} (scenarios run alone with \`--only\` carry their own \`measured_at\`)
- **Machine:** ${m.cpu}; ${m.ram} RAM; ${m.os}; Node ${m.node}
- **Database:** ${meta.database}; ${meta.postgres}
- **Settings:** medians of ${RUNS} runs; page loads ${SECONDS} s at ${CONNECTIONS} connections; app pool ${POOL_SIZE} connections

Each scenario runs against the production build (\`next start\`) on scratch databases
created on that server, beside its floor measured in the same run: the ratio (measured
over floor, higher is better) says what the app costs above the work it cannot avoid,
on whatever machine it ran.

**Reproduce:** \`npm run build && npm run bench\` (a temporary PostgreSQL cluster is started
unless \`DATABASE_URL\` names a server); \`npm run bench -- --only=checkin_scans,organiser_list_50k\`
runs some scenarios and keeps the others' last figures; \`BENCH_RUNS\`, \`BENCH_SECONDS\`,
\`BENCH_PORT\`, \`BENCH_PG_PORT\` change the runs, their length and the ports.

## Summary

${summary}

## Scenarios

${sections}
`;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  const resultsFile = path.join(__dirname, 'results.json');
  const previous =
    ONLY.length && fs.existsSync(resultsFile)
      ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as {
          measuredAt: string;
          results: Record<string, Figures>;
        })
      : null;
  const results: Record<string, Figures> = { ...(previous?.results ?? {}) };
  DB = await databaseServer();
  // A cluster of our own must not outlive an interrupted run.
  const interrupted = () => {
    DB?.destroy();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  console.log(`bench database: ${DB.label}\n  ${DB.version}`);
  try {
    if (wanted('event_page', 'first_load_js', 'registration_burst')) {
      const measured = await eventPage();
      results.event_page = measured.eventPage;
      results.first_load_js = measured.firstLoad;
      results.registration_burst = measured.registrationBurst;
    }
    if (wanted('checkin_scans')) results.checkin_scans = await checkinScans();
    if (wanted('organiser_list_50k')) results.organiser_list_50k = await organiserList50k();
    if (wanted('embedded_start')) results.embedded_start = await embeddedStart();
    if (wanted('export_50k')) results.export_50k = await export50k();
  } finally {
    DB.destroy();
  }
  // Scenarios run alone (--only) carry their own measured_at; the others keep their date.
  const measuredAt = previous?.measuredAt ?? new Date().toISOString();
  const ordered = Object.fromEntries([
    ...SCENARIOS.filter((s) => results[s.name]).map((s) => [s.name, results[s.name]]),
    ...Object.entries(results).filter(([name]) => !SCENARIOS.some((s) => s.name === name)),
  ]) as Record<string, Figures>;
  const meta = {
    measuredAt,
    machine: machine(),
    database: DB.label,
    postgres: DB.version,
    results: ordered,
  };
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        measuredAt,
        machine: meta.machine,
        database: meta.database,
        postgres: meta.postgres,
        short_run: SHORT_RUN,
        runs: RUNS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        results: ordered,
      },
      null,
      2,
    )}\n`,
  );
  const markdown = report(meta);
  fs.writeFileSync(path.join(__dirname, 'BENCHMARKS.md'), markdown);
  console.log(markdown.slice(markdown.indexOf('## Summary'), markdown.indexOf('## Scenarios')));
}

main().catch((error) => {
  console.error(error);
  DB?.destroy();
  process.exit(1);
});
