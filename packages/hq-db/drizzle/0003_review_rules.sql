-- A signed review is the firm's record of what was decided: its content can no longer change, whoever
-- writes. Action items stay live: their owners may still move them to done or cancelled.
CREATE FUNCTION hq_review_is_signed(review uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT status = 'signed' FROM reviews WHERE id = review), false)
$$;
--> statement-breakpoint
CREATE FUNCTION hq_guard_signed_review() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- One function for five tables: fields are read through jsonb, as each table has different columns.
  old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  review uuid := (CASE WHEN TG_TABLE_NAME = 'reviews' THEN coalesce(old_row ->> 'id', new_row ->> 'id')
                       ELSE coalesce(old_row ->> 'review_id', new_row ->> 'review_id') END)::uuid;
BEGIN
  IF TG_TABLE_NAME = 'reviews' AND TG_OP = 'UPDATE' AND old_row ->> 'status' = 'open' THEN
    RETURN NEW; -- the update that signs it
  END IF;
  IF TG_TABLE_NAME = 'review_regions' AND TG_OP = 'UPDATE' AND NOT hq_review_is_signed(review) THEN
    RETURN NEW; -- a lead signing for a region
  END IF;
  IF TG_TABLE_NAME = 'review_actions' AND TG_OP = 'UPDATE'
     AND (new_row - 'status' - 'updated_at') = (old_row - 'status' - 'updated_at') THEN
    RETURN NEW; -- an owner moving an action on
  END IF;
  IF hq_review_is_signed(review) OR (TG_TABLE_NAME = 'reviews' AND TG_OP <> 'INSERT') THEN
    RAISE EXCEPTION 'review % is signed and cannot be changed', review USING ERRCODE = 'MR003';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_guard BEFORE UPDATE OR DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION hq_guard_signed_review();
--> statement-breakpoint
CREATE TRIGGER review_regions_guard BEFORE INSERT OR UPDATE OR DELETE ON review_regions FOR EACH ROW EXECUTE FUNCTION hq_guard_signed_review();
--> statement-breakpoint
CREATE TRIGGER review_agenda_items_guard BEFORE INSERT OR UPDATE OR DELETE ON review_agenda_items FOR EACH ROW EXECUTE FUNCTION hq_guard_signed_review();
--> statement-breakpoint
CREATE TRIGGER review_findings_guard BEFORE INSERT OR UPDATE OR DELETE ON review_findings FOR EACH ROW EXECUTE FUNCTION hq_guard_signed_review();
--> statement-breakpoint
CREATE TRIGGER review_actions_guard BEFORE INSERT OR UPDATE OR DELETE ON review_actions FOR EACH ROW EXECUTE FUNCTION hq_guard_signed_review();
