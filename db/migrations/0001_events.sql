CREATE TYPE "public"."confidentiality" AS ENUM('public', 'restricted', 'chatham_house');--> statement-breakpoint
CREATE TYPE "public"."event_format" AS ENUM('colloquium', 'policy_practice_workshop', 'working_group_meeting', 'study_visit', 'expert_meeting', 'plenary', 'high_level_conference', 'webinar', 'training');--> statement-breakpoint
CREATE TYPE "public"."event_mode" AS ENUM('in_person', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'cancelled', 'archived');--> statement-breakpoint
CREATE TYPE "public"."registration_mode" AS ENUM('open', 'approval', 'nomination', 'invitation');--> statement-breakpoint
CREATE TYPE "public"."session_access" AS ENUM('everyone', 'organisation_kinds', 'invitation');--> statement-breakpoint
CREATE TYPE "public"."session_type" AS ENUM('plenary', 'parallel_workshop', 'visit', 'break');--> statement-breakpoint
CREATE TYPE "public"."visibility" AS ENUM('listed', 'unlisted');--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"status" "event_status" DEFAULT 'draft' NOT NULL,
	"format" "event_format" NOT NULL,
	"network_id" uuid,
	"working_group_id" uuid,
	"mode" "event_mode" NOT NULL,
	"venue_name" text,
	"venue_address" text,
	"city" text,
	"country" char(2),
	"online_url" text,
	"time_zone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"working_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"interpretation_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"confidentiality" "confidentiality" DEFAULT 'public' NOT NULL,
	"visibility" "visibility" DEFAULT 'listed' NOT NULL,
	"registration_mode" "registration_mode" NOT NULL,
	"capacity" integer,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone,
	"modification_deadline" timestamp with time zone,
	"retention_days" integer DEFAULT 365 NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text NOT NULL,
	"summary_fr" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"description_fr" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"cancellation_reason_fr" text,
	"cancellation_reason_en" text,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"duplicated_from_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_slug_unique" UNIQUE("slug"),
	CONSTRAINT "events_dates" CHECK ("events"."ends_at" > "events"."starts_at"),
	CONSTRAINT "events_capacity" CHECK ("events"."capacity" is null or "events"."capacity" >= 0),
	CONSTRAINT "events_retention" CHECK ("events"."retention_days" between 1 and 3650),
	CONSTRAINT "events_registration_window" CHECK ("events"."registration_opens_at" is null or "events"."registration_closes_at" is null or "events"."registration_closes_at" > "events"."registration_opens_at"),
	CONSTRAINT "events_country_iso" CHECK ("events"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "programme_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"type" "session_type" NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text NOT NULL,
	"description_fr" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"room" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"access" "session_access" DEFAULT 'everyone' NOT NULL,
	"access_organisation_kinds" "organisation_kind"[] DEFAULT '{}' NOT NULL,
	"chatham_house" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_sessions_dates" CHECK ("programme_sessions"."ends_at" > "programme_sessions"."starts_at"),
	CONSTRAINT "programme_sessions_capacity" CHECK ("programme_sessions"."capacity" is null or "programme_sessions"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "session_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"function" text,
	"organisation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "role_grants" DROP CONSTRAINT "role_grants_scope";--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_duplicated_from_id_events_id_fk" FOREIGN KEY ("duplicated_from_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_sessions" ADD CONSTRAINT "programme_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_speakers" ADD CONSTRAINT "session_speakers_session_id_programme_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."programme_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_catalogue_idx" ON "events" USING btree ("status","visibility","confidentiality","starts_at");--> statement-breakpoint
CREATE INDEX "programme_sessions_event_idx" ON "programme_sessions" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE INDEX "session_speakers_session_idx" ON "session_speakers" USING btree ("session_id","position");--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_scope" CHECK (("role_grants"."role" = 'nominator' and "role_grants"."organisation_id" is not null and "role_grants"."event_id" is null)
        or ("role_grants"."role" = 'checkin_staff' and "role_grants"."event_id" is not null and "role_grants"."organisation_id" is null)
        or ("role_grants"."role" = 'organiser' and "role_grants"."organisation_id" is null)
        or ("role_grants"."role" = 'admin' and "role_grants"."organisation_id" is null and "role_grants"."event_id" is null));