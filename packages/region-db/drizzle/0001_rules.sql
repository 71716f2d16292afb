-- Rules that hold whatever writes the database (the API, a script, raw SQL): ISO 9001 traceability,
-- immutable closed contact records, kept account-manager history, and the change feed for HQ.

CREATE SEQUENCE IF NOT EXISTS customer_code_seq;
--> statement-breakpoint
-- The API names the actor and procedure for each transaction (set_config(..., true)); anything else is
-- attributed to the database role, so even a manual fix leaves a trace.
CREATE FUNCTION meridian_actor() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('meridian.actor', true), ''), 'sql:' || current_user)
$$;
--> statement-breakpoint
CREATE FUNCTION meridian_procedure() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('meridian.procedure', true), ''), 'sql')
$$;
--> statement-breakpoint
CREATE FUNCTION meridian_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) - 'search_text' - 'name_keys' END;
  after_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) - 'search_text' - 'name_keys' END;
BEGIN
  IF TG_OP = 'UPDATE' AND before_row = after_row THEN
    RETURN NULL;
  END IF;
  INSERT INTO audit_log (actor, procedure, request_origin, table_name, row_id, action, before, after)
  VALUES (
    meridian_actor(),
    meridian_procedure(),
    nullif(current_setting('meridian.origin', true), ''),
    TG_TABLE_NAME,
    coalesce(after_row ->> 'id', before_row ->> 'id'),
    lower(TG_OP),
    before_row,
    after_row
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION meridian_feed_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_feed (entity, entity_id, op, version, payload)
    VALUES (TG_ARGV[0], to_jsonb(OLD) ->> 'id', 'delete', NULL, NULL);
  ELSE
    INSERT INTO change_feed (entity, entity_id, op, version, payload)
    VALUES (TG_ARGV[0], to_jsonb(NEW) ->> 'id', 'upsert', (to_jsonb(NEW) ->> 'version')::int,
            to_jsonb(NEW) - 'search_text' - 'name_keys');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION meridian_guard_closed_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'contact record % is closed and cannot be changed; amend it instead', OLD.id
      USING ERRCODE = 'MR001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE FUNCTION meridian_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, lower(TG_OP) USING ERRCODE = 'MR002';
END $$;
--> statement-breakpoint
CREATE FUNCTION meridian_guard_manager_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- History rows are closed once (ended_at set) and otherwise never rewritten.
  IF TG_OP = 'DELETE' OR OLD.ended_at IS NOT NULL
     OR (to_jsonb(NEW) - 'ended_at') <> (to_jsonb(OLD) - 'ended_at') THEN
    RAISE EXCEPTION 'account manager history is append-only' USING ERRCODE = 'MR002';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION meridian_track_account_manager() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.account_manager IS DISTINCT FROM OLD.account_manager THEN
    UPDATE account_manager_history SET ended_at = now() WHERE customer_id = NEW.id AND ended_at IS NULL;
    INSERT INTO account_manager_history (customer_id, account_manager, started_at, assigned_by, reason)
    VALUES (NEW.id, NEW.account_manager, now(), meridian_actor(), nullif(current_setting('meridian.reason', true), ''));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contact_records_closed_guard BEFORE UPDATE OR DELETE ON contact_records
  FOR EACH ROW EXECUTE FUNCTION meridian_guard_closed_record();
--> statement-breakpoint
CREATE TRIGGER contact_records_no_truncate BEFORE TRUNCATE ON contact_records
  FOR EACH STATEMENT EXECUTE FUNCTION meridian_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION meridian_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION meridian_refuse_change();
--> statement-breakpoint
CREATE TRIGGER account_manager_history_guard BEFORE UPDATE OR DELETE ON account_manager_history
  FOR EACH ROW EXECUTE FUNCTION meridian_guard_manager_history();
--> statement-breakpoint
-- Named to sort after customers_feed: triggers fire in name order, and the customer must precede its
-- manager assignment in the change feed.
CREATE TRIGGER customers_track_account_manager AFTER INSERT OR UPDATE OF account_manager ON customers
  FOR EACH ROW EXECUTE FUNCTION meridian_track_account_manager();
--> statement-breakpoint
CREATE TRIGGER customers_audit AFTER INSERT OR UPDATE OR DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION meridian_audit_row();
--> statement-breakpoint
CREATE TRIGGER contact_persons_audit AFTER INSERT OR UPDATE OR DELETE ON contact_persons
  FOR EACH ROW EXECUTE FUNCTION meridian_audit_row();
--> statement-breakpoint
CREATE TRIGGER projects_audit AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION meridian_audit_row();
--> statement-breakpoint
CREATE TRIGGER contact_records_audit AFTER INSERT OR UPDATE OR DELETE ON contact_records
  FOR EACH ROW EXECUTE FUNCTION meridian_audit_row();
--> statement-breakpoint
CREATE TRIGGER account_manager_history_audit AFTER INSERT OR UPDATE ON account_manager_history
  FOR EACH ROW EXECUTE FUNCTION meridian_audit_row();
--> statement-breakpoint
CREATE TRIGGER customers_feed AFTER INSERT OR UPDATE OR DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION meridian_feed_row('customer');
--> statement-breakpoint
CREATE TRIGGER contact_persons_feed AFTER INSERT OR UPDATE OR DELETE ON contact_persons
  FOR EACH ROW EXECUTE FUNCTION meridian_feed_row('contactPerson');
--> statement-breakpoint
CREATE TRIGGER projects_feed AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION meridian_feed_row('project');
--> statement-breakpoint
CREATE TRIGGER contact_records_feed AFTER INSERT OR UPDATE OR DELETE ON contact_records
  FOR EACH ROW EXECUTE FUNCTION meridian_feed_row('contactRecord');
--> statement-breakpoint
CREATE TRIGGER account_manager_history_feed AFTER INSERT OR UPDATE ON account_manager_history
  FOR EACH ROW EXECUTE FUNCTION meridian_feed_row('accountManagerAssignment');
