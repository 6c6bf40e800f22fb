import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInvitationCsv } from '@/lib/registrations/invitation-validation';
import { CsvSyntaxError, detectSeparator, parseCsv } from '@/lib/text/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain records with CRLF, LF or CR, and no trailing empty record', () => {
    expect(fields('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a,,\n')).toEqual([['a', '', '']]);
    expect(fields('')).toEqual([]);
  });

  it('reads quoted fields: separators, doubled quotes and line breaks inside, blanks around', () => {
    expect(fields('"a,b","say ""hi""",c')).toEqual([['a,b', 'say "hi"', 'c']]);
    expect(fields('"x\r\ny",z\nnext,row')).toEqual([
      ['x\r\ny', 'z'],
      ['next', 'row'],
    ]);
    expect(fields('a, "b" ,c')).toEqual([['a', 'b', 'c']]);
    expect(fields('""')).toEqual([['']]);
    // A quote inside an unquoted field is kept as typed.
    expect(fields('O"Neil,x')).toEqual([['O"Neil', 'x']]);
  });

  it('numbers records by the line they start on, counting line breaks inside quotes', () => {
    expect(parseCsv('h\n"a\nb"\nc\n\nd').map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
  });

  it('takes `;` when the header has more of them, and skips the byte order mark', () => {
    expect(detectSeparator('\uFEFFnom;prénom;"a,b"')).toBe(';');
    expect(detectSeparator('email,first name;x,last name')).toBe(',');
    expect(fields('\uFEFFa;"b;c"\n1;2')).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
  });

  it('refuses a quote never closed and text after a closing quote, with the line', () => {
    expect(() => parseCsv('a\n"b,c\nd')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"b,c\nd')).toThrow(expect.objectContaining({ line: 2 }));
    expect(() => parseCsv('a,b\n"x"y,z')).toThrow(expect.objectContaining({ line: 2 }));
  });

  it('reads back whatever a writer quoting every field wrote', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ',', ';', '"', '\n', '\r\n', ' ') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(table, fc.constantFrom(',' as const, ';' as const), (rows, sep) => {
        const text = rows
          .map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(sep))
          .join('\r\n');
        expect(parseCsv(text, sep).map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

describe('parseInvitationCsv', () => {
  it('maps French and English column names in any order and ignores unknown columns', () => {
    const { fileError, rows } = parseInvitationCsv(
      'Notes;Nom de famille;Prénom;Adresse électronique\nVIP;Durand;Léa;LEA@EXAMPLE.ORG',
    );
    expect(fileError).toBeNull();
    expect(rows[0]?.invitee).toEqual({
      email: 'lea@example.org',
      firstName: 'Léa',
      lastName: 'Durand',
      organisation: null,
      locale: 'fr',
    });
    const en = parseInvitationCsv('E-mail,Last_Name,First Name,Language\na@b.org,Lee,Ann,EN', 'fr');
    expect(en.rows[0]?.invitee).toMatchObject({ lastName: 'Lee', locale: 'en' });
  });

  it('uses the default language for rows without one, and refuses an unknown one', () => {
    const { rows } = parseInvitationCsv(
      'email,first name,last name,langue\na@b.org,A,B,\nc@d.org,C,D,klingon',
      'en',
    );
    expect(rows[0]?.invitee?.locale).toBe('en');
    expect(rows[1]?.errors).toEqual([
      { field: 'locale', key: 'registrations.invitations.row.language' },
    ]);
  });

  it('refuses a row with more cells than columns, and a repeated e-mail after its first row', () => {
    const { rows } = parseInvitationCsv(
      'email,first name,last name\na@b.org,A,B,extra\nc@d.org,C,D,\nC@D.org,E,F',
    );
    expect(rows.map((r) => r.errors.map((e) => e.key))).toEqual([
      ['registrations.invitations.row.tooManyCells'],
      [],
      ['registrations.invitations.row.duplicateInFile'],
    ]);
    expect(rows[2]?.invitee).toBeNull();
  });
});
