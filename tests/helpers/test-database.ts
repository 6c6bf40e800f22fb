import crypto from 'node:crypto';
import postgres from 'postgres';

/** A fresh, empty database on the server of TEST_DATABASE_URL; returns its URL and a dropper. */
export async function createScratchDatabase(
  prefix = 'passerelle_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = postgres(base, { max: 1, onnotice: () => {} });
      await c.unsafe(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
