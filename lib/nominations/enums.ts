// The lifecycles of a call for nominations and of a nomination (PRODUCT.md).

export const CALL_STATUSES = ['draft', 'open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const NOMINATION_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'reserve',
  'rejected',
  'invited',
  'confirmed',
  'declined',
  'withdrawn',
  'replaced',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** Nominations that count against their organisation's quota. */
export const QUOTA_HOLDING = ['submitted', 'accepted', 'reserve', 'invited', 'confirmed'] as const;

/** Nominations that hold a place at the event (and a seat of its capacity) until registered. */
export const PLACE_HOLDING = ['accepted', 'invited'] as const;

/** Nominations given a place by the organisers: what the places of a quota count. */
export const PLACE_GIVEN = ['accepted', 'invited', 'confirmed'] as const;

/** Nominations that are over: the person may be nominated again (by anyone). */
export const CLOSED_NOMINATION = ['rejected', 'declined', 'withdrawn', 'replaced'] as const;

/** What an organiser decides on a submitted (or reserve) nomination. */
export const DECISIONS = ['accept', 'reserve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
