CREATE TYPE "public"."registration_status" AS ENUM('pending', 'confirmed', 'waitlisted', 'offered', 'expired', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TABLE "registration_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"from_status" "registration_status",
	"to_status" "registration_status" NOT NULL,
	"actor_id" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"user_id" text,
	"email" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"organisation" text NOT NULL,
	"function" text NOT NULL,
	"country" char(2) NOT NULL,
	"locale" "locale" NOT NULL,
	"status" "registration_status" NOT NULL,
	"offer_expires_at" timestamp with time zone,
	"manage_token_hash" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"directory_consent" boolean DEFAULT false NOT NULL,
	"privacy_acknowledged_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_manageTokenHash_unique" UNIQUE("manage_token_hash"),
	CONSTRAINT "registrations_event_email" UNIQUE("event_id","email"),
	CONSTRAINT "registrations_country_iso" CHECK ("registrations"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "registrations_offer" CHECK (("registrations"."status" = 'offered') = ("registrations"."offer_expires_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "registration_changes" ADD CONSTRAINT "registration_changes_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_changes" ADD CONSTRAINT "registration_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_changes_registration_idx" ON "registration_changes" USING btree ("registration_id","at");--> statement-breakpoint
CREATE INDEX "registrations_event_status_idx" ON "registrations" USING btree ("event_id","status","seq");--> statement-breakpoint
CREATE INDEX "registrations_user_idx" ON "registrations" USING btree ("user_id");