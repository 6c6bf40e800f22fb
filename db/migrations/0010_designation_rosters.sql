CREATE TABLE "designation_roster_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roster_id" uuid NOT NULL,
	"email" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"function" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"working_group_id" uuid,
	"locale" "locale" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_roster_entries_email" UNIQUE("roster_id","email")
);
--> statement-breakpoint
CREATE TABLE "designation_rosters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"network_id" uuid NOT NULL,
	"working_group_id" uuid,
	"created_by" text,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_rosters_scope" UNIQUE NULLS NOT DISTINCT("organisation_id","year","network_id","working_group_id"),
	CONSTRAINT "designation_rosters_year" CHECK ("designation_rosters"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "designation_roster_entries" ADD CONSTRAINT "designation_roster_entries_roster_id_designation_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."designation_rosters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_roster_entries" ADD CONSTRAINT "designation_roster_entries_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rosters" ADD CONSTRAINT "designation_rosters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rosters" ADD CONSTRAINT "designation_rosters_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rosters" ADD CONSTRAINT "designation_rosters_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rosters" ADD CONSTRAINT "designation_rosters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rosters" ADD CONSTRAINT "designation_rosters_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "designation_roster_entries_name_idx" ON "designation_roster_entries" USING btree ("roster_id","last_name","first_name");