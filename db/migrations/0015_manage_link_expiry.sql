ALTER TABLE "registrations" ADD COLUMN "revoked_manage_token_hash" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "manage_token_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "registrations_revoked_token_idx" ON "registrations" USING btree ("revoked_manage_token_hash");