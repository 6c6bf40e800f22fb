// Enumerations of attendance: the scans at the door, and what a scan is answered.

/** A scan records an entry, an exit, or undoes an earlier scan. */
export const SCAN_KINDS = ['in', 'out', 'undo'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

/** What the person at the door is told of a scan, or of a check-in by name. */
export const SCAN_OUTCOMES = [
  /** Entered now. */
  'checked_in',
  /** Left now. */
  'checked_out',
  /** Already in, since an earlier scan: nothing written. */
  'already_in',
  /** An exit for someone who is not in: nothing written. */
  'not_in',
  /** The same scan sent again (a device retrying): nothing written. */
  'replayed',
  /** Registered for the event, not for this session. */
  'not_for_session',
  /** Registered, but not confirmed (pending, on the waiting list…). */
  'not_confirmed',
  /** The registration was cancelled. */
  'cancelled',
  /** A ticket of another event. */
  'other_event',
  /** No ticket has this code: forged, or mistyped. */
  'unknown',
  /** Not a Passerelle ticket at all. */
  'garbled',
] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

/** The outcomes that let the person in (or out). */
export const ACCEPTED_OUTCOMES: readonly ScanOutcome[] = ['checked_in', 'checked_out'];
