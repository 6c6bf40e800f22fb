/** Years after which a roster is flagged for review: its people may have moved on. */
export const ROSTER_REVIEW_YEARS = 2;

/** A roster whose year is over two years old is to be reviewed (kept up to date or deleted). */
export function rosterToReview(year: number, now: Date = new Date()): boolean {
  return year < now.getUTCFullYear() - ROSTER_REVIEW_YEARS;
}

/** The latest year that is flagged at `now`. */
export function lastYearToReview(now: Date = new Date()): number {
  return now.getUTCFullYear() - ROSTER_REVIEW_YEARS - 1;
}
