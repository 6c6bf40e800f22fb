// npm run bench: measures the production build against real PostgreSQL, each scenario
// beside its floor in the same run, and reports ratios (the machine is shared and
// noisy: never assert times in tests). Writes tests/bench/results.json and
// tests/bench/BENCHMARKS.md. Scenarios so far: event_page and first_load_js (issue 3),
// registration_burst (issue 4), embedded_start, export_50k (issue 6). `--only=export_50k`
// (or BENCH_ONLY=export_50k) runs the scenarios named and keeps the others' last figures.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import postgres from 'postgres';

const ROOT = path.resolve(__dirname, '..', '..');
const NEXT_BIN = require.resolve('next/dist/bin/next');
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE =
  process.env.DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = (
  process.env.BENCH_ONLY ??
  process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
  ''
)
  .split(',')
  .filter(Boolean);
const wanted = (...names: string[]) => ONLY.length === 0 || names.some((n) => ONLY.includes(n));

type Figures = Record<string, number | string | null>;
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
  figures.goal = '<= 150';
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
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
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
    };
  } finally {
    await sql.end();
  }
}

/** A scratch database on the server, and how to drop it. */
async function scratchDatabase() {
  const name = `passerelle_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(BASE, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(BASE);
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
        floor: '/fr/legal-notice, same server',
        floor_rps: Math.round(floorRps),
        ratio: Number((rps / floorRps).toFixed(2)),
        goal: '>= 0.8',
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

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 50_000);

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
  const { databaseUrl, drop } = await scratchDatabase();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const server = startServer({ DATABASE_URL: databaseUrl, PGLITE_DIR: undefined });
    try {
      await waitFor(`http://localhost:${PORT}/fr`, 60_000);
      const base = `http://localhost:${PORT}`;
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
      const sessionIds = (
        await sql<{ id: string }[]>`
          insert into programme_sessions (event_id, type, title_fr, title_en, starts_at, ends_at)
          values (${eventId}, 'parallel_workshop', 'Atelier A', 'Workshop A',
              '2030-04-13T09:00:00Z', '2030-04-13T10:30:00Z'),
            (${eventId}, 'parallel_workshop', 'Atelier B', 'Workshop B',
              '2030-04-13T09:00:00Z', '2030-04-13T10:30:00Z')
          returning id`
      ).map((r) => r.id);
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
      await sql`insert into sessions (session_token, user_id, expires)
        values (${token}, ${userId}, now() + interval '1 day')`;
      const cookie = `authjs.session-token=${token}`;
      const href = (id: string, format: string) =>
        `${base}/api/events/${id}/exports/registrations?format=${format}&locale=fr`;
      // Warmed first: the route compiled and its statements prepared, on a small event.
      for (const format of ['csv', 'xlsx']) {
        await sampledDownload(href(warmId, format), cookie, server.pid as number);
      }
      const csv = await sampledDownload(href(eventId, 'csv'), cookie, server.pid as number);
      const csvRows = csv.body.toString('utf8').split('\r\n').length - 3;
      const xlsx = await sampledDownload(href(eventId, 'xlsx'), cookie, server.pid as number);
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
        floor: `the same rows read by postgres.js in batches of 1000 (${mb(floorBytes / 2 ** 20)} MB joined), no HTTP`,
        measured_at: new Date().toISOString(),
        goal: 'memory_growth_mb independent of the row count (streamed)',
      };
    } finally {
      await stop(server);
    }
  } finally {
    await sql.end();
    await drop();
  }
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
  return { seconds: Number((median(times) / 1000).toFixed(2)), goal: '<= 5' };
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  const previous = ONLY.length
    ? (JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8')) as {
        measuredAt: string;
        results: Record<string, Figures>;
      })
    : null;
  const results: Record<string, Figures> = { ...(previous?.results ?? {}) };
  if (wanted('event_page', 'first_load_js', 'registration_burst')) {
    const measured = await eventPage();
    results.event_page = measured.eventPage;
    results.first_load_js = measured.firstLoad;
    results.registration_burst = measured.registrationBurst;
  }
  if (wanted('embedded_start')) results.embedded_start = await embeddedStart();
  if (wanted('export_50k')) results.export_50k = await export50k();
  // Scenarios run alone (--only) carry their own measured_at; the others keep their date.
  const when = previous?.measuredAt ?? new Date().toISOString();
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  fs.writeFileSync(
    path.join(__dirname, 'results.json'),
    `${JSON.stringify({ measuredAt: when, machine, runs: RUNS, seconds: SECONDS, connections: CONNECTIONS, results }, null, 2)}\n`,
  );
  const rows = Object.entries(results).map(
    ([name, f]) =>
      `| ${name} | ${Object.entries(f)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')} |`,
  );
  const table = ['| scenario | figures |', '| --- | --- |', ...rows].join('\n');
  fs.writeFileSync(
    path.join(__dirname, 'BENCHMARKS.md'),
    `# Benchmarks\n\nMeasured ${when} on ${machine}; medians of ${RUNS} runs of ${SECONDS} s at ${CONNECTIONS} connections, each scenario beside its floor in the same run. Reproduce with \`npm run bench\`.\n\n${table}\n`,
  );
  console.log(table);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
