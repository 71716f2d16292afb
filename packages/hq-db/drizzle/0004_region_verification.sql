-- Anti-entropy: when HQ last proved (by a stored comparison of digests) that it holds exactly what a
-- region federates, and what the last verification found and repaired.
ALTER TABLE "regions" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "verified_position" text;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "last_verification_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "last_verification_outcome" text;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "last_diverged" integer;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "last_repaired" integer;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "verification_error" text;--> statement-breakpoint
CREATE TABLE "region_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"position" text,
	"rows_compared" integer DEFAULT 0 NOT NULL,
	"diverged" integer DEFAULT 0 NOT NULL,
	"repaired" integer DEFAULT 0 NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	CONSTRAINT "region_verifications_outcome" CHECK ("region_verifications"."outcome" in ('verified', 'diverged', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "region_verifications" ADD CONSTRAINT "region_verifications_region_regions_code_fk" FOREIGN KEY ("region") REFERENCES "public"."regions"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "region_verifications_region_idx" ON "region_verifications" USING btree ("region","started_at");
