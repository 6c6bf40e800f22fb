import { deliverMail, MAIL_QUEUE } from '@/lib/mail/outbox';
import { MAILING_FANOUT_QUEUE, runMailingFanout } from '@/lib/mailings/fanout';
import { NOMINEE_DEADLINE_QUEUE, runNomineeDeadline } from '@/lib/nominations/mutations';
import {
  CERTIFICATE_MAILING_QUEUE,
  runCertificateMailing,
} from '@/lib/outputs/certificate-mailing';
import { RETENTION_QUEUE, runRetentionJob } from '@/lib/privacy/retention';
import { INVITATION_REMINDER_QUEUE, runInvitationReminder } from '@/lib/registrations/invitations';
import { OFFER_EXPIRY_QUEUE, runOfferExpiry } from '@/lib/registrations/mutations';
import { PURGE_NEEDS_QUEUE, runNeedsPurge } from '@/lib/registrations/questions';
import { registerHandler } from './worker';

/** Registers every background job handler of the app. */
export function registerJobHandlers(): void {
  registerHandler(MAIL_QUEUE, deliverMail);
  registerHandler(OFFER_EXPIRY_QUEUE, runOfferExpiry);
  registerHandler(PURGE_NEEDS_QUEUE, runNeedsPurge);
  registerHandler(INVITATION_REMINDER_QUEUE, runInvitationReminder);
  registerHandler(NOMINEE_DEADLINE_QUEUE, runNomineeDeadline);
  registerHandler(MAILING_FANOUT_QUEUE, runMailingFanout);
  registerHandler(CERTIFICATE_MAILING_QUEUE, runCertificateMailing);
  registerHandler(RETENTION_QUEUE, runRetentionJob);
}
