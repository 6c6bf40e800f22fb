import fs from 'node:fs';
import path from 'node:path';

/** Raised when a second process tries to open the embedded database folder. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open by process ${ownerPid}. ` +
        'Only one process may open it at a time (two openers lose writes silently): ' +
        'stop the app before running a script on it, or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock file beside the data folder for this process, or throws
 * EmbeddedDatabaseBusyError. A lock left by a process that died is taken over.
 * Returns the function that releases it.
 */
export function acquireEmbeddedLock(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  // The lock appears with its content in one step (link of a complete file), so a
  // second opener never reads an empty lock and mistakes it for a stale one.
  const draft = `${lockPath}.${process.pid}`;
  fs.writeFileSync(draft, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(draft, lockPath);
        const release = () => {
          process.removeListener('exit', release);
          if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
        };
        process.once('exit', release);
        return release;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(lockPath);
        if (owner !== null && owner !== process.pid && isAlive(owner)) {
          throw new EmbeddedDatabaseBusyError(dataDir, owner);
        }
        // Stale: its process is gone (or it is ours from an earlier open).
        fs.rmSync(lockPath, { force: true });
      }
    }
    throw new Error(`Could not take the lock on ${lockPath}`);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}
