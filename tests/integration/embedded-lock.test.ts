import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, ensureMigrated, getDb } from '@/db/client';
import { acquireEmbeddedLock, EmbeddedDatabaseBusyError } from '@/db/embedded-lock';
import { jobs } from '@/db/schema';
import { OPEN_EMBEDDED_QUEUE } from '../helpers/open-embedded';

type Outcome = { code: number | null; stdout: string; stderr: string; ms: number };

function finished(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

/** Opens the folder from a second, real process through db/client.ts. */
async function openFromAnotherProcess(dataDir: string, write = false): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataDir };
  delete env.DATABASE_URL;
  const args = ['tsx', 'tests/helpers/open-embedded.ts', ...(write ? ['write'] : [])];
  const started = Date.now();
  const child = spawn('npx', args, { cwd: process.cwd(), env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const code = await finished(child);
  return { code, stdout, stderr, ms: Date.now() - started };
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await finished(child);
  if (!child.pid) throw new Error('no pid');
  return child.pid;
}

async function jobsWrittenByOpener(): Promise<number> {
  const [row] = await getDb()
    .select({ c: count() })
    .from(jobs)
    .where(eq(jobs.queue, OPEN_EMBEDDED_QUEUE));
  return row?.c ?? -1;
}

describe.runIf(process.env.TEST_ENGINE === 'pglite')('embedded database lock', () => {
  let tmp: string;
  let dataDir: string;
  let lockPath: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-lock-'));
    dataDir = path.join(tmp, 'pglite');
    lockPath = `${dataDir}.lock`;
    // The setup opened an in-memory database; this file works on a real folder.
    await closeDb();
    process.env.PGLITE_DIR = dataDir;
  });

  afterAll(async () => {
    await closeDb();
    process.env.PGLITE_DIR = 'memory://';
    await ensureMigrated();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('makes a second process fail at once while this one has the folder open', async () => {
    await ensureMigrated();
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(String(process.pid));

    const second = await openFromAnotherProcess(dataDir, true);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`already open by process ${process.pid}`);
    expect(second.stdout).not.toContain('opened');
    // It fails on opening, not after waiting (npx and tsx alone take a second or two).
    expect(second.ms).toBeLessThan(20_000);

    // It wrote nothing, and this process still holds the folder.
    expect(await jobsWrittenByOpener()).toBe(0);
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
  });

  it('lets the second process open the folder once this one has closed it', async () => {
    await closeDb();
    expect(fs.existsSync(lockPath)).toBe(false);

    const second = await openFromAnotherProcess(dataDir, true);
    expect(second.stderr).not.toContain('already open');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('opened; 1 job(s)');
    // It released the folder when it closed it.
    expect(fs.existsSync(lockPath)).toBe(false);

    // Its write is in the folder.
    expect(await jobsWrittenByOpener()).toBe(1);
    await closeDb();
  });

  it('takes over a lock file left by a process that died', async () => {
    const stale = await deadPid();
    fs.writeFileSync(lockPath, String(stale));
    const second = await openFromAnotherProcess(dataDir);
    expect(second.stderr).not.toContain('already open');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('opened; 1 job(s)');

    fs.writeFileSync(lockPath, String(stale));
    expect(await jobsWrittenByOpener()).toBe(1);
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    await closeDb();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('refuses a folder held by another live process, with who holds it', async () => {
    const dir = path.join(tmp, 'direct');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      if (!holder.pid) throw new Error('no pid');
      fs.writeFileSync(`${dir}.lock`, String(holder.pid));
      let error: unknown;
      try {
        acquireEmbeddedLock(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EmbeddedDatabaseBusyError);
      expect(error).toMatchObject({ dataDir: dir, ownerPid: holder.pid });
      expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill('SIGKILL');
      await finished(holder).catch(() => null);
    }
    // Once that process is gone, its lock is stale and taken over.
    const release = acquireEmbeddedLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
