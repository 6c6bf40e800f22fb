CREATE TABLE "nomination_group_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"country" char(2),
	"working_group_id" uuid,
	"quota" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nomination_group_quotas_country" UNIQUE("call_id","country"),
	CONSTRAINT "nomination_group_quotas_working_group" UNIQUE("call_id","working_group_id"),
	CONSTRAINT "nomination_group_quotas_positive" CHECK ("nomination_group_quotas"."quota" > 0),
	CONSTRAINT "nomination_group_quotas_one_kind" CHECK (("nomination_group_quotas"."country" is null) <> ("nomination_group_quotas"."working_group_id" is null)),
	CONSTRAINT "nomination_group_quotas_country_iso" CHECK ("nomination_group_quotas"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "nomination_group_quotas" ADD CONSTRAINT "nomination_group_quotas_call_id_nomination_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."nomination_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_group_quotas" ADD CONSTRAINT "nomination_group_quotas_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;