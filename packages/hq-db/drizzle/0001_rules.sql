-- Global codes are issued from one sequence and never reused.
CREATE SEQUENCE IF NOT EXISTS global_code_seq;
--> statement-breakpoint
CREATE FUNCTION hq_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, lower(TG_OP) USING ERRCODE = 'MR002';
END $$;
--> statement-breakpoint
CREATE TRIGGER hq_audit_log_append_only BEFORE UPDATE OR DELETE ON hq_audit_log
  FOR EACH ROW EXECUTE FUNCTION hq_refuse_change();
--> statement-breakpoint
-- Wake HQ's live views (and its reconciler) when a batch from any region lands.
CREATE FUNCTION hq_notify_region_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('meridian_hq_applied', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER region_customers_notify AFTER INSERT OR UPDATE ON region_customers
  FOR EACH STATEMENT EXECUTE FUNCTION hq_notify_region_data();
