import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { parseCsv } from '@/lib/text/csv';

// Fixtures and readers of the export tests: many registrations at once, and the cells of
// a downloaded CSV or XLSX file.

/** `n` confirmed registrations of one event in one statement (fast on both engines). */
export async function bulkRegistrations(eventId: string, n: number, tag = 'bulk') {
  await getDb().execute(sql`
    insert into registrations (event_id, email, first_name, last_name, organisation, function,
      country, locale, status, manage_token_hash, privacy_acknowledged_at)
    select ${eventId}::uuid, ${tag} || '.' || i || '@bulk.example', 'Prénom ' || i, 'Nom ' || i,
      'Ministère ' || (i % 40), 'Chargé de mission', 'FR', 'fr', 'confirmed',
      md5(${tag} || ${eventId}::text || i::text), now()
    from generate_series(1, ${n}) as i`);
}

/** The records of a CSV export (separator detected from its header line). */
export async function csvRecords(res: Response): Promise<string[][]> {
  // Response.text() would drop the byte order mark that the test looks for.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  if (!text.startsWith('\uFEFF')) throw new Error('no byte order mark');
  const [, header] = text.slice(1).split('\r\n');
  const separator = (header ?? '').includes(';') ? ';' : ',';
  return parseCsv(text, separator).map((r) => r.fields);
}

const fromXml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');

/** The parts of an XLSX export, and its worksheet as rows of cells (by column letter). */
export async function xlsxContent(res: Response) {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const sheet = text('xl/worksheets/sheet1.xml');
  const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)].map((m) => {
    const cells: Record<string, string> = {};
    for (const c of (m[2] ?? '').matchAll(
      /<c r="([A-Z]+)\d+"[^>]*?(?: t="inlineStr")?>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/gs,
    )) {
      cells[c[1] as string] = fromXml(c[2] ?? c[3] ?? '');
    }
    return cells;
  });
  return { files: Object.keys(files), sheet, rows, core: text('docProps/core.xml') };
}

/** The audit lines of one action (optionally about one subject). */
export async function auditOf(action: string, subjectId?: string) {
  const rows = await getDb().select().from(auditLog).where(sql`${auditLog.action} = ${action}`);
  return rows.filter((r) => subjectId === undefined || r.subjectId === subjectId);
}
