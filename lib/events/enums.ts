// Enumerations of the events domain, shared by the database, zod and the UI.

export const EVENT_FORMATS = [
  'colloquium',
  'policy_practice_workshop',
  'working_group_meeting',
  'study_visit',
  'expert_meeting',
  'plenary',
  'high_level_conference',
  'webinar',
  'training',
] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const EVENT_MODES = ['in_person', 'online', 'hybrid'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

export const CONFIDENTIALITY_LEVELS = ['public', 'restricted', 'chatham_house'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const VISIBILITIES = ['listed', 'unlisted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const REGISTRATION_MODES = ['open', 'approval', 'nomination', 'invitation'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'archived'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const SESSION_TYPES = ['plenary', 'parallel_workshop', 'visit', 'break'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const SESSION_ACCESS_RULES = ['everyone', 'organisation_kinds', 'invitation'] as const;
export type SessionAccess = (typeof SESSION_ACCESS_RULES)[number];

/** Working and interpretation languages offered in the editor (ISO 639-1). */
export const EVENT_LANGUAGES = [
  'fr',
  'en',
  'ar',
  'es',
  'de',
  'it',
  'pt',
  'nl',
  'ru',
  'tr',
  'ur',
  'id',
] as const;
export type EventLanguage = (typeof EVENT_LANGUAGES)[number];
