import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_NAMESPACES } from '@/lib/i18n/client-messages';
import fr from '@/lib/i18n/messages/fr.json';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const clientFiles = files(path.resolve(__dirname, '../../app')).filter((f) =>
  /^\s*['"]use client['"]/.test(fs.readFileSync(f, 'utf8')),
);

describe('messages sent to the browser', () => {
  it('include every namespace a client component reads', () => {
    const used = new Set<string>();
    for (const file of clientFiles) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/useTranslations\('([\w.]+)'\)/g)) {
        used.add((m[1] as string).split('.')[0] as string);
      }
    }
    expect(used.size).toBeGreaterThan(5);
    for (const ns of used) expect(CLIENT_NAMESPACES, `namespace ${ns}`).toContain(ns);
  });

  it('name namespaces that exist, and leave the page-only ones on the server', () => {
    for (const ns of CLIENT_NAMESPACES) expect(Object.keys(fr)).toContain(ns);
    for (const ns of ['home', 'legal', 'privacy', 'accessibility', 'catalogue']) {
      expect(CLIENT_NAMESPACES).not.toContain(ns);
    }
  });
});
