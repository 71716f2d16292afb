-- Steward tools: links and splits made by hand, batches of queue decisions, and alias lists as data.
CREATE TABLE "steward_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL CHECK ("kind" in ('link', 'split')),
	"subject" text NOT NULL,
	"global_code" text NOT NULL,
	"reason" text NOT NULL,
	"pairs" jsonb NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_by" bigint,
	"effect" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
CREATE INDEX "steward_links_active_idx" ON "steward_links" ("id") WHERE "undone_at" is null and "superseded_by" is null;
--> statement-breakpoint
ALTER TABLE "steward_decisions" ADD COLUMN "batch_id" bigint;
--> statement-breakpoint
ALTER TABLE "steward_decisions" ADD COLUMN "reason" text;
--> statement-breakpoint
CREATE INDEX "steward_decisions_batch_idx" ON "steward_decisions" ("batch_id") WHERE "batch_id" is not null;
--> statement-breakpoint
CREATE TABLE "account_aliases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"global_code" text NOT NULL,
	"alias" text NOT NULL,
	"script" text NOT NULL,
	"source" text NOT NULL,
	"decision_id" bigint,
	"link_id" bigint,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "account_aliases_unique" ON "account_aliases" ("global_code", "alias");
--> statement-breakpoint
ALTER TABLE "name_aliases" ADD COLUMN "alias_id" bigint;
--> statement-breakpoint
CREATE INDEX "name_aliases_alias_idx" ON "name_aliases" ("alias_id") WHERE "alias_id" is not null;
--> statement-breakpoint
-- The matcher's machine-readable evidence behind its reasons (gloss, sound, acronym …), rendered in the steward's language.
ALTER TABLE "match_candidates" ADD COLUMN "explanation" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "account_links" ADD COLUMN "explanation" jsonb DEFAULT '[]'::jsonb NOT NULL;
