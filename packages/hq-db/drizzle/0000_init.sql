CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"country" text NOT NULL,
	"locales" text[] NOT NULL,
	"timezone" text NOT NULL,
	"currency" text NOT NULL,
	"data_policy" jsonb DEFAULT '{"withheld":{}}'::jsonb NOT NULL,
	"cursor" text,
	"last_pulled_at" timestamp with time zone,
	"last_applied_at" timestamp with time zone,
	"newest_change_at" timestamp with time zone,
	"caught_up" boolean DEFAULT false NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"changes_applied" integer DEFAULT 0 NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_contact_persons" (
	"region" text NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"withheld" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text,
	"role" text,
	"phone" text,
	"email" text,
	"preferred_language" text,
	CONSTRAINT "region_contact_persons_region_id_pk" PRIMARY KEY("region","id")
);
--> statement-breakpoint
CREATE TABLE "region_contact_records" (
	"region" text NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"withheld" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"customer_id" uuid NOT NULL,
	"job_code" text,
	"type_code" text NOT NULL,
	"channel" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text,
	"content" text,
	"outcome" text,
	"next_step" text,
	"next_step_due" timestamp with time zone,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"closed_at" timestamp with time zone,
	"amends_id" uuid,
	"service_category" text,
	"priority" text,
	"sla_response_due_at" timestamp with time zone,
	"sla_completion_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone,
	CONSTRAINT "region_contact_records_region_id_pk" PRIMARY KEY("region","id")
);
--> statement-breakpoint
CREATE TABLE "region_customers" (
	"region" text NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"withheld" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_latin" text,
	"name_latin_source" text,
	"legal_form" text,
	"registration_id" text,
	"website" text,
	"segment" text NOT NULL,
	"sub_segment" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"phone" text,
	"email" text,
	"annual_revenue_gbp" numeric(14, 2),
	"lifecycle_stage" text NOT NULL,
	"account_manager" text NOT NULL,
	"region_global_code" text,
	"region_global_countries" text[],
	"created_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	CONSTRAINT "region_customers_region_id_pk" PRIMARY KEY("region","id")
);
--> statement-breakpoint
CREATE TABLE "region_manager_assignments" (
	"region" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"account_manager" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"assigned_by" text,
	"reason" text,
	"withheld" text[] DEFAULT '{}' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_manager_assignments_region_id_pk" PRIMARY KEY("region","id")
);
--> statement-breakpoint
CREATE TABLE "region_projects" (
	"region" text NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"withheld" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"job_code" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text,
	"service_category" text NOT NULL,
	"country" text NOT NULL,
	"city" text NOT NULL,
	"site" text,
	"status" text NOT NULL,
	CONSTRAINT "region_projects_region_id_pk" PRIMARY KEY("region","id")
);
--> statement-breakpoint
CREATE TABLE "account_links" (
	"region" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"global_code" text NOT NULL,
	"founded_code" text,
	"method" text NOT NULL,
	"score" real,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pushed_state" text,
	CONSTRAINT "account_links_region_customer_id_pk" PRIMARY KEY("region","customer_id")
);
--> statement-breakpoint
CREATE TABLE "global_accounts" (
	"global_code" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"merged_into" text,
	"merged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hq_audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "match_candidates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"a_key" text NOT NULL,
	"b_key" text NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "name_aliases" (
	"alias_key" text NOT NULL,
	"global_code" text NOT NULL,
	"decision_id" integer,
	"learned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "name_aliases_alias_key_global_code_pk" PRIMARY KEY("alias_key","global_code")
);
--> statement-breakpoint
CREATE TABLE "steward_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"candidate_id" integer NOT NULL,
	"decision" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effect" jsonb NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
CREATE INDEX "region_contact_records_customer_idx" ON "region_contact_records" USING btree ("region","customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "region_contact_records_type_idx" ON "region_contact_records" USING btree ("type_code","occurred_at");--> statement-breakpoint
CREATE INDEX "region_customers_code_idx" ON "region_customers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "region_manager_assignments_customer_idx" ON "region_manager_assignments" USING btree ("region","customer_id");--> statement-breakpoint
CREATE INDEX "region_projects_customer_idx" ON "region_projects" USING btree ("region","customer_id");--> statement-breakpoint
CREATE INDEX "account_links_global_idx" ON "account_links" USING btree ("global_code");--> statement-breakpoint
CREATE INDEX "hq_audit_log_subject_idx" ON "hq_audit_log" USING btree ("subject","id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_candidates_pair_unique" ON "match_candidates" USING btree ("a_key","b_key");--> statement-breakpoint
CREATE INDEX "match_candidates_queue_idx" ON "match_candidates" USING btree ("status","score") WHERE "match_candidates"."status" = 'pending';