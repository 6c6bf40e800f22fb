import type { RegistrationStatus } from '@/lib/registrations/enums';

// DSFR colour tokens (CSS variables, so that the dark theme follows): the charts name
// colours through these only.
export const COLOURS = {
  main: 'var(--background-flat-blue-france)',
  line: 'var(--artwork-major-red-marianne)',
  track: 'var(--background-contrast-grey)',
  text: 'var(--text-default-grey)',
  muted: 'var(--text-mention-grey)',
  grid: 'var(--border-default-grey)',
  success: 'var(--background-flat-success)',
  warning: 'var(--background-flat-warning)',
  info: 'var(--background-flat-info)',
} as const;

export const STATUS_COLOURS: Record<RegistrationStatus, string> = {
  pending: 'var(--background-flat-info)',
  confirmed: 'var(--background-flat-success)',
  waitlisted: 'var(--background-flat-warning)',
  offered: 'var(--background-flat-purple-glycine)',
  expired: 'var(--background-flat-brown-caramel)',
  rejected: 'var(--background-flat-error)',
  cancelled: 'var(--background-flat-grey)',
};
