'use client';

import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { type ScanAnswer, scanAction } from '@/lib/attendance/actions';
import type { ActionResult } from '@/lib/auth/action';

/** One scan as the device keeps it until the server has answered it. */
export type DeviceScan = {
  clientScanId: string;
  /** When it was made, on this device's clock: the server orders entries and exits by it. */
  scannedAt: string;
  sessionId: string | null;
  direction: 'in' | 'out';
  code?: string;
  registrationId?: string;
  /** What the desk shows of it while it waits (the code, or the person's name). */
  label: string;
};

export type DeskAnswer =
  | { kind: 'answer'; result: ActionResult<ScanAnswer> }
  | { kind: 'queued'; scan: DeviceScan };

/** A scan made while the network was down, and the server's answer once it was sent. */
export type SentLater = { scan: DeviceScan; result: ActionResult<ScanAnswer> };

/** A fresh id for each scan, so that a scan sent twice (a retry) counts once. */
const scanId = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

const RETRY_MS = 15_000;

function read(key: string): DeviceScan[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/**
 * Sends the desk's scans, and keeps on the device (in its local storage, so that a
 * reload or a closed tab loses nothing) those made while the network is down: they are
 * sent, oldest first and with their own time, as soon as it returns; the server decides
 * who is in by the time of the scans, so a late-sent entry never undoes a later exit.
 */
export function useScanSender(
  eventId: string,
  /** Told of every answer the server gave, sent now or later (e.g. to show the new count). */
  onAnswer?: (answer: ScanAnswer) => void,
) {
  const key = `passerelle.checkin.queue.${eventId}`;
  const told = useRef(onAnswer);
  told.current = onAnswer;
  const [answer, setAnswer] = useState<DeskAnswer | null>(null);
  const [waiting, setWaiting] = useState<DeviceScan[]>([]);
  const [sentLater, setSentLater] = useState<SentLater[]>([]);
  const [pending, startTransition] = useTransition();
  const flushing = useRef(false);

  const store = useCallback(
    (update: (queue: DeviceScan[]) => DeviceScan[]) => {
      const next = update(read(key));
      localStorage.setItem(key, JSON.stringify(next));
      setWaiting(next);
    },
    [key],
  );

  /** The server's answer, or null when it could not be reached (or asked to wait). */
  const send = useCallback(
    async (scan: DeviceScan): Promise<ActionResult<ScanAnswer> | null> => {
      try {
        const { label: _, ...input } = scan;
        const result = await scanAction(null, {
          eventId,
          ...input,
          sessionId: input.sessionId ?? '',
        });
        if (result.ok) told.current?.(result.data);
        // Refused by the scan rate limit: kept on the device and sent again, like offline.
        return !result.ok && result.retryAfter ? null : result;
      } catch {
        return null;
      }
    },
    [eventId],
  );

  const flush = useCallback(async () => {
    if (flushing.current || !navigator.onLine) return;
    flushing.current = true;
    try {
      for (const scan of [...read(key)].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt))) {
        const result = await send(scan);
        if (!result) break;
        store((queue) => queue.filter((s) => s.clientScanId !== scan.clientScanId));
        setSentLater((done) => [{ scan, result }, ...done].slice(0, 20));
        // The scan on show is answered now.
        setAnswer((shown) =>
          shown?.kind === 'queued' && shown.scan.clientScanId === scan.clientScanId
            ? { kind: 'answer', result }
            : shown,
        );
      }
    } finally {
      flushing.current = false;
    }
  }, [key, send, store]);

  useEffect(() => {
    setWaiting(read(key));
    void flush();
    const retry = window.setInterval(() => void flush(), RETRY_MS);
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.clearInterval(retry);
      window.removeEventListener('online', online);
    };
  }, [key, flush]);

  const submit = useCallback(
    (input: Omit<DeviceScan, 'clientScanId' | 'scannedAt'>) => {
      const scan: DeviceScan = {
        ...input,
        clientScanId: scanId(),
        scannedAt: new Date().toISOString(),
      };
      startTransition(async () => {
        // Scans already waiting go first, so that the server sees them in order.
        if (read(key).length > 0) await flush();
        const result = navigator.onLine && read(key).length === 0 ? await send(scan) : null;
        if (result) {
          setAnswer({ kind: 'answer', result });
          return;
        }
        store((queue) => [...queue, scan]);
        setAnswer({ kind: 'queued', scan });
      });
    },
    [key, flush, send, store],
  );

  return { answer, waiting, sentLater, pending, submit, flush };
}
