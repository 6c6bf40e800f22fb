import qrcode from 'qrcode-generator';

// The ticket shown at the door: a QR code carrying the registration's ticket code,
// which proves nothing but "this registration" (it opens no page and changes nothing;
// check-in staff look it up). The manage link stays private to the person.

export const TICKET_PREFIX = 'PASSERELLE-TICKET:';

export function ticketPayload(ticketCode: string): string {
  return `${TICKET_PREFIX}${ticketCode}`;
}

/** The ticket code a scanned payload carries, or null when it is not one of ours. */
export function ticketCodeOf(payload: string): string | null {
  const m = /^PASSERELLE-TICKET:([0-9a-f]{32})$/.exec(payload.trim());
  return m?.[1] ?? null;
}

function matrix(ticketCode: string) {
  const qr = qrcode(0, 'M');
  qr.addData(ticketPayload(ticketCode), 'Byte');
  qr.make();
  return qr;
}

/** The QR code as one SVG path over a grid of `size` modules (quiet zone included). */
export function ticketQrPath(ticketCode: string): { size: number; d: string } {
  const qr = matrix(ticketCode);
  const n = qr.getModuleCount();
  const margin = 4;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.isDark(row, col)) parts.push(`M${col + margin} ${row + margin}h1v1h-1z`);
    }
  }
  return { size: n + 2 * margin, d: parts.join('') };
}
