CREATE TYPE "public"."call_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."nomination_status" AS ENUM('draft', 'submitted', 'accepted', 'reserve', 'rejected', 'invited', 'confirmed', 'declined', 'withdrawn', 'replaced');--> statement-breakpoint
CREATE TABLE "nomination_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"status" "call_status" DEFAULT 'draft' NOT NULL,
	"profile_fr" text NOT NULL,
	"profile_en" text NOT NULL,
	"nominations_close_at" timestamp with time zone NOT NULL,
	"confirmation_deadline" timestamp with time zone NOT NULL,
	"withdrawal_deadline" timestamp with time zone NOT NULL,
	"accepts_late" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nomination_calls_eventId_unique" UNIQUE("event_id"),
	CONSTRAINT "nomination_calls_deadlines" CHECK ("nomination_calls"."nominations_close_at" <= "nomination_calls"."confirmation_deadline" and "nomination_calls"."nominations_close_at" <= "nomination_calls"."withdrawal_deadline")
);
--> statement-breakpoint
CREATE TABLE "nomination_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nomination_id" uuid NOT NULL,
	"from_status" "nomination_status",
	"to_status" "nomination_status" NOT NULL,
	"actor_id" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nomination_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"quota" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nomination_quotas_call_organisation" UNIQUE("call_id","organisation_id"),
	CONSTRAINT "nomination_quotas_positive" CHECK ("nomination_quotas"."quota" > 0)
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" "nomination_status" DEFAULT 'draft' NOT NULL,
	"rank" integer NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"email" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"function" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"working_group_id" uuid,
	"justification" text DEFAULT '' NOT NULL,
	"locale" "locale" NOT NULL,
	"reason" text,
	"replaces_id" uuid,
	"registration_id" uuid,
	"nominated_by" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nominations_registrationId_unique" UNIQUE("registration_id"),
	CONSTRAINT "nominations_rank_positive" CHECK ("nominations"."rank" > 0)
);
--> statement-breakpoint
ALTER TABLE "nomination_calls" ADD CONSTRAINT "nomination_calls_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_calls" ADD CONSTRAINT "nomination_calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_changes" ADD CONSTRAINT "nomination_changes_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_changes" ADD CONSTRAINT "nomination_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_quotas" ADD CONSTRAINT "nomination_quotas_call_id_nomination_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."nomination_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_quotas" ADD CONSTRAINT "nomination_quotas_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_call_id_nomination_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."nomination_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_replaces_id_nominations_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."nominations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nomination_changes_nomination_idx" ON "nomination_changes" USING btree ("nomination_id","at");--> statement-breakpoint
CREATE INDEX "nominations_call_organisation_rank_idx" ON "nominations" USING btree ("call_id","organisation_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_call_email_live" ON "nominations" USING btree ("call_id","email") WHERE "nominations"."status" not in ('rejected', 'declined', 'withdrawn', 'replaced');