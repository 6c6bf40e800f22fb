ALTER TABLE "nominations" ADD COLUMN "token_hash" text;--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_tokenHash_unique" UNIQUE("token_hash");