import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { E2E } from '../helpers/e2e-env';
import { linkIn } from '../helpers/e2e-mail';
import { appEnv, nextBin } from '../helpers/e2e-server';
import { type Cluster, postgresBin, startCluster } from '../helpers/pg-cluster';
import { type SunkMail, startSmtpSink } from '../helpers/smtp-sink';

// Fault drills: the production build run as two instances on one PostgreSQL server of
// their own (so that it can be restarted), with their own SMTP server (so that it can be
// stopped or slowed down). Each drill counts what was sent, acknowledged, stored and lost,
// and prints it (the figures of the reliability note). Nothing here is timed: the
// machine is shared; only "recovers by itself" has a generous bound.
test.describe.configure({ mode: 'serial' });
test.skip(!postgresBin(), 'the fault drills need PostgreSQL installed (initdb, pg_ctl, pg_dump)');

const [portA, portB] = E2E.drillAppPorts;
const LEASE_SECONDS = 6;

let cluster: Cluster;
let databaseUrl: string;
let sql: postgres.Sql;
const mails: SunkMail[] = [];
let smtpDelayMs = 0;
let sink: ReturnType<typeof startSmtpSink> | null = null;
const instances = new Map<number, ChildProcess>();

async function startSink() {
  sink = startSmtpSink(E2E.drillSmtpPort, 0, { messages: mails, delayMs: () => smtpDelayMs });
  await sink.listening;
}

async function stopSink() {
  await sink?.close();
  sink = null;
}

async function startInstance(port: number): Promise<ChildProcess> {
  const env = appEnv({
    SMTP_URL: `smtp://127.0.0.1:${E2E.drillSmtpPort}`,
    JOBS_POLL_MS: '200',
    JOBS_LEASE_SECONDS: String(LEASE_SECONDS),
    PASSERELLE_DEMO: undefined,
  });
  env.DATABASE_URL = databaseUrl;
  delete env.PGLITE_DIR;
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Its errors stay visible in the test's output (an unexpected error is logged there).
  child.stderr?.on('data', (chunk) => process.stderr.write(`[instance ${port}] ${chunk}`));
  instances.set(port, child);
  await expect
    .poll(async () => (await fetch(`http://localhost:${port}/fr`).catch(() => null))?.status, {
      timeout: 90_000,
      intervals: [250],
    })
    .toBe(200);
  return child;
}

async function stopInstance(port: number, signal: NodeJS.Signals = 'SIGTERM') {
  const child = instances.get(port);
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
  instances.delete(port);
}

/** A published event taking open registrations, `capacity` seats. */
async function event(capacity: number): Promise<{ id: string; slug: string }> {
  const slug = `exercice-${crypto.randomBytes(4).toString('hex')}`;
  const [row] = await sql<{ id: string }[]>`
    insert into events (slug, status, format, mode, city, country, time_zone, starts_at, ends_at,
      registration_mode, capacity, title_fr, title_en, published_at)
    values (${slug}, 'published', 'colloquium', 'in_person', 'Paris', 'FR', 'Europe/Paris',
      '2030-04-13T07:00:00Z', '2030-04-14T15:00:00Z', 'open', ${capacity},
      ${`Exercice ${slug}`}, ${`Drill ${slug}`}, now())
    returning id`;
  return { id: (row as { id: string }).id, slug };
}

type Answer = { email: string; port: number; status: number; body: Record<string, unknown> };

/** One sign-up, as a client of the API does it; a dropped connection answers status 0. */
async function signUp(port: number, slug: string, n: number, tag: string): Promise<Answer> {
  const email = `${tag}.${n}@exercice.example`;
  try {
    const res = await fetch(`http://localhost:${port}/api/events/${slug}/registrations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Each person from their own address, as a ministry's staff are not one client.
        'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      },
      body: JSON.stringify({
        firstName: 'Camille',
        lastName: `Exercice ${n}`,
        email,
        organisation: 'Ministère de l’Intérieur',
        function: 'Chargée de mission',
        country: 'FR',
        locale: 'fr',
        privacyAcknowledged: true,
      }),
    });
    return {
      email,
      port,
      status: res.status,
      body: { ...(await res.json()), retryAfter: res.headers.get('retry-after') },
    };
  } catch {
    return { email, port, status: 0, body: {} };
  }
}

/** `count` sign-ups, `concurrency` at a time, spread over the ports in turn. */
async function burst(
  ports: readonly number[],
  slug: string,
  count: number,
  concurrency: number,
  tag: string,
  onAnswer?: (answers: Answer[]) => void,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      answers.push(await signUp(ports[n % ports.length] as number, slug, n, tag));
      onAnswer?.(answers);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

const acknowledged = (a: Answer) => a.status === 201 || a.status === 200;
const retryable = (a: Answer) =>
  a.status === 503 && Number(a.body.retryAfter) > 0 && /Réessayez/.test(String(a.body.error));

/**
 * A client honouring 503 + Retry-After, as the API asks: tries again after the wait, a few
 * times at most. After a restart, a pooled connection that died idle fails on its first
 * use and the request says "try again": that is the promise, not a failure.
 */
async function untilAcknowledged(a: Answer, slug: string, tag: string): Promise<Answer> {
  let answer = a;
  for (let attempt = 0; attempt < 5 && retryable(answer); attempt++) {
    await new Promise((r) => setTimeout(r, Number(answer.body.retryAfter ?? 1) * 1000));
    answer = await signUp(a.port, slug, Number(/\.(\d+)@/.exec(a.email)?.[1]), tag);
  }
  return answer;
}

async function stored(eventId: string) {
  return sql<{ email: string; status: string; seq: number }[]>`
    select email, status, seq from registrations where event_id = ${eventId} order by seq`;
}

/** The capacity rules, checked on every event of a database. Answers the broken ones. */
async function consistencyProblems(db: postgres.Sql): Promise<string[]> {
  const rows = await db<{ problem: string }[]>`
    with counts as (
      select e.id, e.slug, e.capacity,
        count(*) filter (where r.status in ('confirmed', 'offered'))::int as holding,
        count(*) filter (where r.status = 'waitlisted')::int as waiting,
        max(r.seq) filter (where r.status in ('confirmed', 'offered')) as last_seated,
        min(r.seq) filter (where r.status = 'waitlisted') as first_waiting
      from events e join registrations r on r.event_id = e.id
      group by e.id)
    select slug || ': ' || holding || ' seats held for ' || capacity as problem
      from counts where capacity is not null and holding > capacity
    union all
    select slug || ': ' || waiting || ' waiting beside a free seat' from counts
      where capacity is not null and waiting > 0 and holding < capacity
    union all
    select slug || ': someone seated after someone waiting' from counts
      where last_seated > first_waiting
    union all
    select 'registered twice: ' || min(email) from registrations
      group by event_id, lower(email) having count(*) > 1
    union all
    select 'no history for the status of ' || r.email from registrations r
      where not exists (select 1 from registration_changes c
        where c.registration_id = r.id and c.to_status = r.status)`;
  return rows.map((r) => r.problem);
}

const delivered = (email: string) => mails.filter((m) => m.to.includes(email)).length;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  cluster = startCluster(E2E.drillPgPort, 'passerelle-drills');
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin`create database passerelle_drills`;
  await admin.end();
  databaseUrl = cluster.urlOf('passerelle_drills');
  sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  await startSink();
  // Both instances start together on the empty database: one applies the migrations.
  await Promise.all([startInstance(portA), startInstance(portB)]);
});

test.afterAll(async () => {
  await Promise.all([...instances.keys()].map((port) => stopInstance(port)));
  await stopSink();
  await sql?.end({ timeout: 1 });
  cluster?.destroy();
});

test('1,000 sign-ups for 50 seats over two instances: 50 confirmed, the rest waitlisted in order, each mail sent once', async () => {
  test.setTimeout(240_000);
  const { id, slug } = await event(50);
  const answers = await burst([portA, portB], slug, 1000, 50, 'ruee');
  const rows = await stored(id);
  const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
  console.log(
    `[drill] 1,000 sign-ups / 50 seats / 2 instances: sent ${answers.length}, acknowledged ${answers.filter(acknowledged).length}, 5xx ${answers.filter((a) => a.status >= 500).length}, stored ${rows.length} (confirmed ${byStatus('confirmed')}, waitlisted ${byStatus('waitlisted')}), duplicates ${rows.length - new Set(rows.map((r) => r.email)).size}`,
  );
  expect(answers.filter((a) => a.status !== 201)).toEqual([]);
  expect(new Set(answers.map((a) => a.port))).toEqual(new Set([portA, portB]));
  expect(rows).toHaveLength(1000);
  expect(new Set(rows.map((r) => r.email)).size).toBe(1000);
  expect(byStatus('confirmed')).toBe(50);
  expect(byStatus('waitlisted')).toBe(950);
  // In order: the 50 seats went to the first 50 stored, and each person was told the
  // status that was stored.
  expect(rows.slice(0, 50).every((r) => r.status === 'confirmed')).toBe(true);
  const told = new Map(answers.map((a) => [a.email, a.body.status]));
  expect(rows.filter((r) => told.get(r.email) !== r.status)).toEqual([]);
  expect(await consistencyProblems(sql)).toEqual([]);

  // The outbox: both instances' workers took mails, and each person got exactly one.
  await expect
    .poll(async () => rows.filter((r) => delivered(r.email) > 0).length, { timeout: 180_000 })
    .toBe(1000);
  expect(rows.filter((r) => delivered(r.email) !== 1).map((r) => r.email)).toEqual([]);
  const workers = await sql<{ instance: string; n: number }[]>`
    select split_part(locked_by, ':', 2) as instance, count(*)::int as n from jobs
    where queue = 'mail.send' and status = 'done' group by 1`;
  const pids = [portA, portB].map((p) => String(instances.get(p)?.pid));
  console.log(`[drill] mails sent by instance (pid: count): ${JSON.stringify(workers)}`);
  expect(workers.filter((w) => pids.includes(w.instance) && w.n > 0)).toHaveLength(2);
});

test('sessions and rate limits hold across the two instances', async ({ page }) => {
  // Rate limits: five sign-ups of one e-mail are counted together wherever they land.
  const { slug } = await event(10);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const port = i % 2 ? portB : portA;
    const res = await fetch(`http://localhost:${port}/api/events/${slug}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.9.${i}` },
      body: JSON.stringify({
        firstName: 'Jeanne',
        lastName: 'Limite',
        email: 'jeanne.limite@exercice.example',
        organisation: 'Préfecture',
        function: 'Référente',
        country: 'FR',
        locale: 'fr',
        privacyAcknowledged: true,
      }),
    });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([201, 200, 200, 200, 200, 429]);

  // Sessions: a link asked for on one instance signs in on the other, and the session is
  // good on both.
  const email = 'session.partagee@exercice.example';
  await page.goto(`http://localhost:${portA}/fr/sign-in`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect.poll(() => delivered(email), { timeout: 30_000 }).toBe(1);
  const onB = new URL(linkIn(mails.find((m) => m.to.includes(email)) as SunkMail));
  onB.port = String(portB);
  await page.goto(onB.toString());
  for (const port of [portA, portB]) {
    await page.goto(`http://localhost:${port}/fr/my-data`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`:${port}/fr/my-data$`));
  }
});

test('PostgreSQL restarted mid-burst: every request stored or told to retry, none lost, recovery by itself', async () => {
  test.setTimeout(240_000);
  const { id, slug } = await event(1000);
  // Recovered by itself: from the moment the server is back, both instances are asked for
  // a page that reads the database until they answer it (the burst goes on meanwhile).
  const recovery = async (port: number, since: number) => {
    await expect
      .poll(
        async () =>
          (await fetch(`http://localhost:${port}/fr/events/${slug}`).catch(() => null))?.status,
        { timeout: 30_000, intervals: [100] },
      )
      .toBe(200);
    return (performance.now() - since) / 1000;
  };
  let restart: Promise<number[]> | null = null;
  const answers = await burst([portA, portB], slug, 600, 30, 'redemarrage', (sofar) => {
    if (sofar.length === 150 && !restart) {
      restart = cluster.restartAsync().then(() => {
        const back = performance.now();
        return Promise.all([recovery(portA, back), recovery(portB, back)]);
      });
    }
  });
  const recoveredIn = (await restart) as unknown as number[];
  // This test's own connections were cut too: a new client.
  await sql.end({ timeout: 1 });
  sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const ok = answers.filter(acknowledged);
  const retry = answers.filter(retryable);
  const other = answers.filter((a) => !acknowledged(a) && !retryable(a));
  const before = new Set((await stored(id)).map((r) => r.email));
  const lost = ok.filter((a) => !before.has(a.email));
  console.log(
    `[drill] PostgreSQL restart mid-burst: sent ${answers.length}, acknowledged ${ok.length}, told to retry (503 + Retry-After) ${retry.length}, other ${other.length}, stored ${before.size}, acknowledged but lost ${lost.length}; both instances answering again ${recoveredIn.map((s) => s.toFixed(1)).join(' s and ')} s after the server was back`,
  );
  expect(other.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
  expect(lost).toEqual([]);
  expect(retry.length).toBeGreaterThan(0);
  // Those told to retry do so, as a client should: after Retry-After, a few times at most.
  // Each is then registered once (some had been stored when the cut came, and are answered
  // "already registered").
  const retried = await Promise.all(retry.map((a) => untilAcknowledged(a, slug, 'redemarrage')));
  expect(retried.filter((a) => !acknowledged(a))).toEqual([]);
  const after = await stored(id);
  expect(after).toHaveLength(600);
  expect(new Set(after.map((r) => r.email)).size).toBe(600);
  expect(await consistencyProblems(sql)).toEqual([]);
});

test('SMTP down for a while: no mail lost, all delivered once it is back', async () => {
  test.setTimeout(180_000);
  const { id, slug } = await event(100);
  await stopSink();
  const answers = await burst([portA, portB], slug, 20, 5, 'smtp');
  expect(answers.filter((a) => a.status !== 201)).toEqual([]);
  const jobsOf = () =>
    sql<{ status: string; attempts: number; last_error: string | null }[]>`
      select j.status, j.attempts, j.last_error from jobs j
      where j.queue = 'mail.send' and j.payload->>'to' in ${sql(answers.map((a) => a.email))}`;
  // Each mail tried and failed while the server is down, and kept for later.
  await expect
    .poll(async () => (await jobsOf()).filter((j) => j.attempts >= 1 && j.last_error).length, {
      timeout: 60_000,
    })
    .toBe(20);
  expect((await jobsOf()).filter((j) => j.status === 'dead')).toEqual([]);
  await startSink();
  await expect
    .poll(async () => answers.filter((a) => delivered(a.email) > 0).length, { timeout: 120_000 })
    .toBe(20);
  const jobs = await jobsOf();
  console.log(
    `[drill] SMTP down: 20 registrations, 20 mails queued, ${jobs.filter((j) => j.attempts > 1).length} retried after failing, ${answers.filter((a) => delivered(a.email) > 0).length} delivered once SMTP was back, ${jobs.filter((j) => j.status === 'dead').length} given up`,
  );
  await expect.poll(async () => (await jobsOf()).every((j) => j.status === 'done')).toBe(true);
  expect((await stored(id)).length).toBe(20);
});

test('a live database dumped with pg_dump and restored into a new one passes the consistency check', async () => {
  test.setTimeout(240_000);
  const { slug } = await event(120);
  let acknowledgedBeforeDump = -1;
  const dumpFile = path.join(cluster.dir, 'passerelle.dump');
  let dump: Promise<string> | null = null;
  const answers = await burst([portA, portB], slug, 300, 20, 'sauvegarde', (sofar) => {
    if (sofar.length === 100 && !dump) {
      acknowledgedBeforeDump = sofar.filter(acknowledged).length;
      dump = cluster.toolAsync('pg_dump', [
        ...['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres'],
        ...['-Fc', '-f', dumpFile, 'passerelle_drills'],
      ]);
    }
  });
  await dump;
  const settled = await Promise.all(answers.map((a) => untilAcknowledged(a, slug, 'sauvegarde')));
  expect(settled.filter((a) => !acknowledged(a))).toEqual([]);
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin`create database passerelle_restored`;
  await admin.end();
  await cluster.toolAsync('pg_restore', [
    ...['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres'],
    ...['--exit-on-error', '-d', 'passerelle_restored', dumpFile],
  ]);
  const restored = postgres(cluster.urlOf('passerelle_restored'), { max: 1, onnotice: () => {} });
  try {
    const [counts] = await restored<{ events: number; registrations: number; drill: number }[]>`
      select (select count(*)::int from events) as events,
        (select count(*)::int from registrations) as registrations,
        (select count(*)::int from registrations r join events e on e.id = r.event_id
          where e.slug = ${slug}) as drill`;
    const problems = await consistencyProblems(restored);
    console.log(
      `[drill] pg_dump during a burst of 300 (${acknowledgedBeforeDump} acknowledged when it began), restored: ${counts?.events} events, ${counts?.registrations} registrations (${counts?.drill} of the burst's event), consistency problems ${problems.length}`,
    );
    expect(problems).toEqual([]);
    expect(counts?.drill).toBeGreaterThanOrEqual(acknowledgedBeforeDump);
    expect(counts?.drill).toBeLessThanOrEqual(300);
  } finally {
    await restored.end({ timeout: 1 });
  }
});

test('an instance killed mid-burst: no duplicate, no overbooking, its claimed jobs done by the other', async () => {
  test.setTimeout(300_000);
  const { id, slug } = await event(100);
  // A slow SMTP server, so that the killed instance is holding mails when it dies.
  smtpDelayMs = 1500;
  const pidA = instances.get(portA)?.pid as number;
  const pidB = instances.get(portB)?.pid as number;
  let killed: Promise<void> | null = null;
  let heldByA: string[] = [];
  const answers = await burst([portA, portB], slug, 400, 40, 'arret', (sofar) => {
    if (sofar.length === 200 && !killed) {
      killed = (async () => {
        await expect
          .poll(
            async () =>
              (
                await sql`select 1 from jobs where status = 'running'
                  and split_part(locked_by, ':', 2) = ${String(pidA)}`
              ).length,
            { timeout: 30_000, intervals: [50] },
          )
          .toBeGreaterThan(0);
        await stopInstance(portA, 'SIGKILL');
        heldByA = (
          await sql<{ id: string }[]>`select id from jobs where status = 'running'
            and split_part(locked_by, ':', 2) = ${String(pidA)}`
        ).map((j) => j.id);
      })();
    }
  });
  await killed;
  smtpDelayMs = 0;
  // The client of the dead instance tries again on the live one (a load balancer would).
  const failed = answers.filter((a) => !acknowledged(a));
  const retried = await Promise.all(
    failed.map(async (a) =>
      untilAcknowledged(
        await signUp(portB, slug, Number(/\.(\d+)@/.exec(a.email)?.[1]), 'arret'),
        slug,
        'arret',
      ),
    ),
  );
  const rows = await stored(id);
  const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
  console.log(
    `[drill] instance killed mid-burst: sent ${answers.length}, acknowledged ${answers.filter(acknowledged).length}, cut off ${failed.filter((a) => a.status === 0).length}, 5xx ${answers.filter((a) => a.status >= 500).length}; sent again to the other ${retried.length} (${retried.filter(acknowledged).length} acknowledged); stored ${rows.length} (confirmed ${byStatus('confirmed')}, waitlisted ${byStatus('waitlisted')}), duplicates ${rows.length - new Set(rows.map((r) => r.email)).size}; jobs held by the killed instance ${heldByA.length}`,
  );
  expect(answers.filter((a) => a.status >= 500 && !retryable(a))).toEqual([]);
  expect(retried.filter((a) => !acknowledged(a))).toEqual([]);
  expect(rows).toHaveLength(400);
  expect(new Set(rows.map((r) => r.email)).size).toBe(400);
  expect(byStatus('confirmed')).toBe(100);
  expect(byStatus('waitlisted')).toBe(300);
  expect(await consistencyProblems(sql)).toEqual([]);
  // Its claimed jobs: taken over by the other once their lease ran out, and done.
  expect(heldByA.length).toBeGreaterThan(0);
  await expect
    .poll(
      async () =>
        (
          await sql`select 1 from jobs where id in ${sql(heldByA)} and status = 'done'
            and split_part(locked_by, ':', 2) = ${String(pidB)}`
        ).length,
      { timeout: 120_000 },
    )
    .toBe(heldByA.length);
  await expect
    .poll(async () => rows.filter((r) => delivered(r.email) > 0).length, { timeout: 180_000 })
    .toBe(400);
});
