import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { qrPng } from '@/lib/mail/qr-png';
import { ticketCodeOf, ticketPayload, ticketQrPath } from '@/lib/registrations/ticket';

describe('the ticket', () => {
  const code = '0123456789abcdef0123456789abcdef';

  it('carries the ticket code, read back from a scan; anything else is not a ticket', () => {
    expect(ticketCodeOf(ticketPayload(code))).toBe(code);
    for (const bad of ['', code, `${ticketPayload(code)}x`, 'PASSERELLE-TICKET:<script>']) {
      expect(ticketCodeOf(bad)).toBeNull();
    }
  });

  it('draws the same modules as an SVG path and as a PNG', () => {
    const { size, d } = ticketQrPath(code);
    const png = qrPng(ticketPayload(code), 1);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.readUInt32BE(16)).toBe(size);
    // Inflate the PNG's pixels and compare them with the path's squares, module by module.
    const idat = png.indexOf('IDAT');
    const raw = zlib.inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const dark = new Set([...d.matchAll(/M(\d+) (\d+)/g)].map((m) => `${m[1]},${m[2]}`));
    let mismatches = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const black = raw[y * (size + 1) + 1 + x] === 0;
        if (black !== dark.has(`${x},${y}`)) mismatches++;
      }
    }
    expect(dark.size).toBeGreaterThan(100);
    expect(mismatches).toBe(0);
  });
});
