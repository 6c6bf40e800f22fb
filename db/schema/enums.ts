import { pgEnum } from 'drizzle-orm/pg-core';
import { SCAN_KINDS } from '@/lib/attendance/enums';
import {
  CONFIDENTIALITY_LEVELS,
  EVENT_FORMATS,
  EVENT_MODES,
  EVENT_STATUSES,
  REGISTRATION_MODES,
  SESSION_ACCESS_RULES,
  SESSION_TYPES,
  VISIBILITIES,
} from '@/lib/events/enums';
import { JOB_STATUSES } from '@/lib/jobs/enums';
import { NETWORK_KINDS } from '@/lib/networks/enums';
import { CALL_STATUSES, NOMINATION_STATUSES } from '@/lib/nominations/enums';
import { LOCALES, ORGANISATION_KINDS, ROLES } from '@/lib/people/enums';
import {
  QUESTION_KINDS,
  QUESTION_PURPOSES,
  REGISTRATION_STATUSES,
} from '@/lib/registrations/enums';

// Every database enum, in one file so that schema files can share them without
// importing each other at load time.
export const localeEnum = pgEnum('locale', LOCALES);
export const roleEnum = pgEnum('role', ROLES);
export const organisationKindEnum = pgEnum('organisation_kind', ORGANISATION_KINDS);
export const networkKindEnum = pgEnum('network_kind', NETWORK_KINDS);
export const jobStatusEnum = pgEnum('job_status', JOB_STATUSES);
export const eventFormatEnum = pgEnum('event_format', EVENT_FORMATS);
export const eventModeEnum = pgEnum('event_mode', EVENT_MODES);
export const confidentialityEnum = pgEnum('confidentiality', CONFIDENTIALITY_LEVELS);
export const visibilityEnum = pgEnum('visibility', VISIBILITIES);
export const registrationModeEnum = pgEnum('registration_mode', REGISTRATION_MODES);
export const eventStatusEnum = pgEnum('event_status', EVENT_STATUSES);
export const sessionTypeEnum = pgEnum('session_type', SESSION_TYPES);
export const sessionAccessEnum = pgEnum('session_access', SESSION_ACCESS_RULES);
export const registrationStatusEnum = pgEnum('registration_status', REGISTRATION_STATUSES);
export const questionKindEnum = pgEnum('question_kind', QUESTION_KINDS);
export const questionPurposeEnum = pgEnum('question_purpose', QUESTION_PURPOSES);
export const callStatusEnum = pgEnum('call_status', CALL_STATUSES);
export const nominationStatusEnum = pgEnum('nomination_status', NOMINATION_STATUSES);
export const scanKindEnum = pgEnum('scan_kind', SCAN_KINDS);
