import { describe, expect, it } from 'vitest';
import { rosterCsv } from '@/lib/rosters/csv';
import {
  type GroupChoice,
  parseRosterCsv,
  ROSTER_CSV_MAX_ROWS,
  rosterInputSchema,
} from '@/lib/rosters/validation';
import { csvLine, unguard } from '@/lib/text/csv-import';

const YOUTH = '11111111-1111-4111-8111-111111111111';
const POLICE = '22222222-2222-4222-8222-222222222222';
const groups: GroupChoice[] = [
  { id: YOUTH, nameFr: 'Jeunesse et éducation', nameEn: 'Youth & Education', slug: 'ran-y-e' },
  { id: POLICE, nameFr: 'Police', nameEn: 'Police', slug: 'ran-pol' },
];
const parse = (text: string, defaultGroupId: string | null = null) =>
  parseRosterCsv(text, { groups, defaultGroupId });

const errorsOf = (text: string) => parse(text).rows.map((r) => r.errors.map((e) => e.key));

describe('parseRosterCsv', () => {
  it('reads a French file with a BOM, `;`, CRLF, accents and columns in any order', () => {
    const text =
      '\uFEFFPrénom;Nom;Courriel;Fonction;Service;Groupe de travail;Langue\r\n' +
      'Élodie;Müller;Elodie.Muller@Education.gouv.fr;Professeure;Lycée Hoche;Jeunesse et éducation;FR\r\n' +
      'John;Smith;john@example.org;Inspector;;youth education;english\r\n';
    const { fileError, rows } = parse(text);
    expect(fileError).toBeNull();
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]?.entry).toEqual({
      email: 'elodie.muller@education.gouv.fr',
      firstName: 'Élodie',
      lastName: 'Müller',
      function: 'Professeure',
      unit: 'Lycée Hoche',
      workingGroupId: YOUTH,
      locale: 'fr',
    });
    expect(rows[1]?.entry).toMatchObject({ workingGroupId: YOUTH, locale: 'en', unit: '' });
  });

  it('reads an English file with `,` and quoted fields; a blank group is the roster’s own', () => {
    const text =
      'E-mail,First name,Last name,Function,Unit,Working group,Language\n' +
      'a@example.org,Ann,"O\'Neil, Jr",Teacher,"Unit ""A""",,en\n';
    const [row] = parse(text, POLICE).rows;
    expect(row?.errors).toEqual([]);
    expect(row?.entry).toMatchObject({ lastName: "O'Neil, Jr", unit: 'Unit "A"' });
    expect(row?.entry?.workingGroupId).toBe(POLICE);
    expect(parse(text).rows[0]?.entry?.workingGroupId).toBeNull();
  });

  it('gives each bad row its errors: e-mail, names, function, language, working group', () => {
    const text =
      'email;prénom;nom;fonction;groupe;langue\n' +
      'pas-une-adresse;Jean;Roux;Prof;;fr\n' +
      'ok@example.org;;Roux;Prof;;fr\n' +
      'ok2@example.org;Jean;Roux;;;fr\n' +
      'ok3@example.org;Jean;Roux;Prof;;klingon\n' +
      'ok4@example.org;Jean;Roux;Prof;Cuisine;fr\n' +
      'ok5@example.org;Jean;Roux;Prof;;fr;surplus\n';
    expect(errorsOf(text)).toEqual([
      ['invalidEmail'],
      ['required'],
      ['required'],
      ['rosters.row.language'],
      ['rosters.row.workingGroup'],
      ['rosters.row.tooManyCells'],
    ]);
    const rows = parse(text).rows;
    expect(rows.every((r) => r.entry === null)).toBe(true);
    expect(rows[0]?.errors[0]?.field).toBe('email');
    expect(rows[4]?.errors[0]?.field).toBe('workingGroup');
  });

  it('refuses an e-mail seen on an earlier row, whatever its case, naming that row', () => {
    const text =
      'email;prénom;nom;fonction\na@example.org;A;A;P\nb@example.org;B;B;P\nA@Example.org;C;C;P\n';
    const rows = parse(text).rows;
    expect(rows[0]?.entry).not.toBeNull();
    expect(rows[2]?.entry).toBeNull();
    expect(rows[2]?.errors).toEqual([
      { field: 'email', key: 'rosters.row.duplicateInFile', params: { line: 2 } },
    ]);
  });

  it('gives one error for the whole file: wrong or missing columns, empty, only a header, malformed', () => {
    const fileKey = (text: string) => parse(text).fileError?.key;
    expect(fileKey('nom;prénom;courriel\na;b;c@d.fr\n')).toBe('rosters.file.missingColumns');
    expect(fileKey('name,surname,address,job\nx,y,z,w\n')).toBe('rosters.file.missingColumns');
    expect(fileKey('email;courriel;prénom;nom;fonction\n')).toBe('rosters.file.duplicateColumn');
    expect(fileKey('')).toBe('rosters.file.empty');
    expect(fileKey('\uFEFF\r\n\r\n')).toBe('rosters.file.empty');
    expect(fileKey('email;prénom;nom;fonction\r\n')).toBe('rosters.file.noRows');
    expect(fileKey('email;prénom;nom;fonction\n"a@b.fr;A;B;C\n')).toBe('rosters.file.malformed');
    expect(parse('email;prénom;nom;fonction\n"a@b.fr;A;B;C\n').rows).toEqual([]);
  });

  it(`reads ${ROSTER_CSV_MAX_ROWS.toLocaleString('en')} generated lines, and refuses one more`, () => {
    const lines = ['email;prénom;nom;fonction;service;groupe de travail;langue'];
    for (let i = 0; i < ROSTER_CSV_MAX_ROWS; i++) {
      lines.push(
        `person.${i}@example.org;Prénom ${i};Nom ${i};Enseignant;Académie ${i % 30};Police;fr`,
      );
    }
    const text = `\uFEFF${lines.join('\r\n')}\r\n`;
    // Speed is the benchmark's to measure, not a test's (shared, noisy machines).
    const { fileError, rows } = parse(text);
    expect(fileError).toBeNull();
    expect(rows).toHaveLength(ROSTER_CSV_MAX_ROWS);
    expect(rows.every((r) => r.entry?.workingGroupId === POLICE)).toBe(true);
    expect(rows.at(-1)?.line).toBe(ROSTER_CSV_MAX_ROWS + 1);
    const tooMany = parse(`${text}extra@example.org;A;B;C;;;fr\r\n`);
    expect(tooMany.fileError).toEqual({
      key: 'rosters.file.tooManyRows',
      params: { max: ROSTER_CSV_MAX_ROWS, count: ROSTER_CSV_MAX_ROWS + 1 },
    });
  });
});

describe('roster CSV export', () => {
  it('quotes separators, guards formulas, writes a BOM and CRLF, and reads back the same', () => {
    const people = [
      {
        email: 'x@example.org',
        firstName: '=HYPERLINK("http://evil")',
        lastName: 'Dupont; Durand',
        function: '-Chef',
        unit: 'Bureau "B"',
        workingGroup: 'Youth & Education',
        locale: 'en',
      },
    ];
    for (const locale of ['fr', 'en'] as const) {
      const text = rosterCsv(
        [
          'Adresse électronique',
          'Prénom',
          'Nom',
          'Fonction',
          'Service ou unité',
          'Groupe de travail',
          'Langue',
        ],
        people,
        locale,
      );
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text).toContain(`'=HYPERLINK`);
      const [row] = parse(text).rows;
      expect(row?.errors).toEqual([]);
      expect(row?.entry).toEqual({
        email: 'x@example.org',
        firstName: '=HYPERLINK("http://evil")',
        lastName: 'Dupont; Durand',
        function: '-Chef',
        unit: 'Bureau "B"',
        workingGroupId: YOUTH,
        locale: 'en',
      });
    }
  });

  it('takes off only the apostrophe it put before a formula', () => {
    expect(csvLine(['@SUM(A1)', "'quoted", 'plain'])).toBe(`'@SUM(A1);'quoted;plain`);
    expect(unguard("'@SUM(A1)")).toBe('@SUM(A1)');
    expect(unguard("'quoted")).toBe("'quoted");
  });
});

describe('rosterInputSchema', () => {
  it('reads a network or a network and working group, and a year within bounds', () => {
    const organisationId = '33333333-3333-4333-8333-333333333333';
    expect(rosterInputSchema.parse({ organisationId, year: '2027', scope: YOUTH }).scope).toEqual({
      networkId: YOUTH,
      workingGroupId: null,
    });
    expect(
      rosterInputSchema.parse({ organisationId, year: 2027, scope: `${YOUTH}:${POLICE}` }).scope,
    ).toEqual({ networkId: YOUTH, workingGroupId: POLICE });
    expect(
      rosterInputSchema.safeParse({ organisationId, year: '1999', scope: YOUTH }).success,
    ).toBe(false);
    expect(
      rosterInputSchema.safeParse({ organisationId, year: '2027', scope: 'ran; drop' }).success,
    ).toBe(false);
  });
});
