// A PostgreSQL server of its own, in a temporary folder, for what must not touch the
// shared one: the fault drills restart it mid-burst, the benchmark starts one when no
// DATABASE_URL is given. Uses the PostgreSQL binaries installed on the machine (Debian's
// /usr/lib/postgresql/<version>/bin, or PG_BIN); as root, runs them as the postgres user
// (initdb refuses root).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder of initdb/pg_ctl/pg_dump, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const candidates = [
    process.env.PG_BIN,
    ...(fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ].filter((d): d is string => Boolean(d));
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb'))) ?? null;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs one of the PostgreSQL binaries (as the postgres user when we are root). */
function run(bin: string, tool: string, args: string[]): string {
  const exe = path.join(bin, tool);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** The same, without blocking this process (a burst goes on while the server restarts). */
function runAsync(bin: string, tool: string, args: string[]): Promise<string> {
  const exe = path.join(bin, tool);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: 'utf8', maxBuffer: 512 * 2 ** 20 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr || stdout}`))
        : resolve(stdout),
    );
  });
}

export type Cluster = {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  /** The server's version, e.g. "PostgreSQL 15.8". */
  version: string;
  /** A URL to another database of this server. */
  urlOf: (database: string) => string;
  start: () => void;
  /** Fast shutdown: open connections are cut, as in a real restart. */
  stop: () => void;
  restart: () => void;
  /** Stops then starts it, without blocking this process. */
  restartAsync: () => Promise<void>;
  /** Runs pg_dump or another client tool of the same version. */
  tool: (name: string, args: string[]) => string;
  toolAsync: (name: string, args: string[]) => Promise<string>;
  destroy: () => void;
};

/** Creates and starts a throwaway cluster on `port` (trust auth, listening on 127.0.0.1). */
export function startCluster(port: number, label = 'passerelle'): Cluster {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found; set PG_BIN)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-pg-`));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=on',
    '-c max_connections=200',
  ].join(' ');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const cluster: Cluster = {
    url,
    port,
    dir,
    version: '',
    urlOf: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => {
      run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
    },
    stop: () => {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    restart: () => {
      cluster.stop();
      cluster.start();
    },
    restartAsync: async () => {
      await runAsync(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await runAsync(bin, 'pg_ctl', [
        ...['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'],
      ]);
    },
    tool: (name, args) => run(bin, name, args),
    toolAsync: (name, args) => runAsync(bin, name, args),
    destroy: () => {
      try {
        cluster.stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  cluster.version = run(bin, 'postgres', ['--version']).trim();
  return cluster;
}
