import { deliverMail, MAIL_QUEUE } from '@/lib/mail/outbox';
import { INVITATION_REMINDER_QUEUE, runInvitationReminder } from '@/lib/registrations/invitations';
import { OFFER_EXPIRY_QUEUE, runOfferExpiry } from '@/lib/registrations/mutations';
import { registerHandler } from './worker';

/** Registers every background job handler of the app. */
export function registerJobHandlers(): void {
  registerHandler(MAIL_QUEUE, deliverMail);
  registerHandler(OFFER_EXPIRY_QUEUE, runOfferExpiry);
  registerHandler(INVITATION_REMINDER_QUEUE, runInvitationReminder);
}
