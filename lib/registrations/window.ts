import type { EventStatus, RegistrationMode } from '@/lib/events/enums';

export type RegistrationPhase = 'open' | 'not_yet' | 'closed';

type Timing = {
  status: EventStatus;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  endsAt: Date;
};

/** Whether registration is open at `now`: published, inside its window, before the end. */
export function registrationPhase(event: Timing, now: Date): RegistrationPhase {
  if (event.status !== 'published') return 'closed';
  if (event.registrationClosesAt && event.registrationClosesAt <= now) return 'closed';
  if (event.endsAt <= now) return 'closed';
  if (event.registrationOpensAt && event.registrationOpensAt > now) return 'not_yet';
  return 'open';
}

/** Modes in which anyone may fill in the public form. */
export function takesPublicRegistrations(mode: RegistrationMode): boolean {
  return mode === 'open' || mode === 'approval';
}
