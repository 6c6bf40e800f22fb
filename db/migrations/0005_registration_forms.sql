CREATE TYPE "public"."question_kind" AS ENUM('short_text', 'long_text', 'single_choice', 'multiple_choice', 'yes_no', 'date', 'country', 'number');--> statement-breakpoint
CREATE TYPE "public"."question_purpose" AS ENUM('general', 'diet', 'access');--> statement-breakpoint
CREATE TABLE "registration_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "question_kind" NOT NULL,
	"purpose" "question_purpose" DEFAULT 'general' NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"help_fr" text DEFAULT '' NOT NULL,
	"help_en" text DEFAULT '' NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"show_if" jsonb,
	"min_value" integer,
	"max_value" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_questions_needs_optional" CHECK ("registration_questions"."purpose" = 'general' or not "registration_questions"."required")
);
--> statement-breakpoint
CREATE TABLE "registration_sessions" (
	"registration_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	CONSTRAINT "registration_sessions_registration_id_session_id_pk" PRIMARY KEY("registration_id","session_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "offer_hold_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "organisation_kind" "organisation_kind";--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "ticket_code" text DEFAULT replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "registration_questions" ADD CONSTRAINT "registration_questions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_sessions" ADD CONSTRAINT "registration_sessions_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_sessions" ADD CONSTRAINT "registration_sessions_session_id_programme_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."programme_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_questions_event_idx" ON "registration_questions" USING btree ("event_id","position");--> statement-breakpoint
CREATE INDEX "registration_sessions_session_idx" ON "registration_sessions" USING btree ("session_id");--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_ticketCode_unique" UNIQUE("ticket_code");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_offer_hold" CHECK ("events"."offer_hold_hours" between 1 and 336);