CREATE TABLE "account_manager_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"account_manager" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"assigned_by" text NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "contact_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"phone" text,
	"email" text,
	"preferred_language" text
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"global_code" text,
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
	"lifecycle_stage" text DEFAULT 'prospect' NOT NULL,
	"account_manager" text NOT NULL,
	"name_keys" text[] NOT NULL,
	"registration_key" text,
	"website_domain" text,
	"search_text" text NOT NULL,
	CONSTRAINT "customers_phone_or_email" CHECK ("customers"."phone" is not null or "customers"."email" is not null),
	CONSTRAINT "customers_lifecycle_stage" CHECK ("customers"."lifecycle_stage" in ('prospect', 'active', 'dormant', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"job_code" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text,
	"service_category" text NOT NULL,
	"country" text NOT NULL,
	"city" text NOT NULL,
	"site" text,
	"status" text DEFAULT 'active' NOT NULL,
	CONSTRAINT "projects_job_code_unique" UNIQUE("job_code")
);
--> statement-breakpoint
CREATE TABLE "contact_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"job_code" text,
	"type_code" text NOT NULL,
	"channel" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"content" text NOT NULL,
	"outcome" text NOT NULL,
	"next_step" text NOT NULL,
	"next_step_due" timestamp with time zone,
	"language" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"amends_id" uuid,
	"amend_reason" text,
	"service_category" text,
	"priority" text,
	"sla_response_due_at" timestamp with time zone,
	"sla_completion_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "contact_records_status" CHECK ("contact_records"."status" in ('open', 'closed')),
	CONSTRAINT "contact_records_closed_has_closer" CHECK ("contact_records"."status" = 'open' or ("contact_records"."closed_at" is not null and "contact_records"."closed_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"procedure" text NOT NULL,
	"request_origin" text,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "change_feed" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"op" text NOT NULL,
	"version" integer,
	"payload" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_manager_history" ADD CONSTRAINT "account_manager_history_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_persons" ADD CONSTRAINT "contact_persons_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_records" ADD CONSTRAINT "contact_records_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_records" ADD CONSTRAINT "contact_records_job_code_projects_job_code_fk" FOREIGN KEY ("job_code") REFERENCES "public"."projects"("job_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_records" ADD CONSTRAINT "contact_records_amends_fk" FOREIGN KEY ("amends_id") REFERENCES "public"."contact_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_manager_history_one_current" ON "account_manager_history" USING btree ("customer_id") WHERE "account_manager_history"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "account_manager_history_customer_idx" ON "account_manager_history" USING btree ("customer_id","started_at");--> statement-breakpoint
CREATE INDEX "contact_persons_customer_idx" ON "contact_persons" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_code_unique" ON "customers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "customers_name_keys_idx" ON "customers" USING gin ("name_keys");--> statement-breakpoint
CREATE INDEX "customers_registration_key_idx" ON "customers" USING btree ("registration_key");--> statement-breakpoint
CREATE INDEX "customers_website_domain_idx" ON "customers" USING btree ("website_domain");--> statement-breakpoint
CREATE INDEX "customers_account_manager_idx" ON "customers" USING btree ("account_manager");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "projects_customer_idx" ON "projects" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "contact_records_customer_idx" ON "contact_records" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "contact_records_status_idx" ON "contact_records" USING btree ("status","next_step_due");--> statement-breakpoint
CREATE INDEX "contact_records_job_code_idx" ON "contact_records" USING btree ("job_code");--> statement-breakpoint
CREATE INDEX "contact_records_amends_idx" ON "contact_records" USING btree ("amends_id");--> statement-breakpoint
CREATE INDEX "audit_log_row_idx" ON "audit_log" USING btree ("table_name","row_id","id");--> statement-breakpoint
CREATE INDEX "change_feed_txid_seq_idx" ON "change_feed" USING btree ("txid","seq");