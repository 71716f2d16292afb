-- HQ's own trail (registrations, steward decisions and undos, review openings and sign-offs) as a hash
-- chain, like each region's audit_log; and the chain head of every region as HQ last saw it, so a
-- region whose history is rewritten afterwards is caught even when every later hash was recomputed.

ALTER TABLE hq_audit_log
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN row_hash text,
  ADD COLUMN db_role text;
--> statement-breakpoint
CREATE TABLE hq_audit_chain_head (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL,
  chained_at timestamptz NOT NULL
);
--> statement-breakpoint
REVOKE ALL ON hq_audit_chain_head FROM PUBLIC;
--> statement-breakpoint
-- What a row's hash covers; the verifier (src/queries/auditChain.ts) spells out the same expression.
CREATE FUNCTION hq_audit_canonical(a hq_audit_log) RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, public AS $$
  SELECT jsonb_build_array(
    a.seq, a.id, to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor, a.action, a.subject, a.detail, a.db_role
  )::text
$$;
--> statement-breakpoint
CREATE FUNCTION hq_audit_hash(prev_hash text, canonical text) RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog AS $$
  SELECT encode(sha256(convert_to(prev_hash || canonical, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
ALTER TABLE hq_audit_log DISABLE TRIGGER hq_audit_log_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r hq_audit_log;
  n bigint := 0;
  prev text := repeat('0', 64);
  last_at timestamptz := now();
BEGIN
  FOR r IN SELECT * FROM hq_audit_log ORDER BY occurred_at, id LOOP
    n := n + 1;
    r.seq := n;
    r.prev_hash := prev;
    r.db_role := 'migration:' || session_user;
    r.row_hash := hq_audit_hash(prev, hq_audit_canonical(r));
    UPDATE hq_audit_log SET seq = r.seq, prev_hash = r.prev_hash, db_role = r.db_role, row_hash = r.row_hash WHERE id = r.id;
    prev := r.row_hash;
    last_at := r.occurred_at;
  END LOOP;
  INSERT INTO hq_audit_chain_head (seq, hash, chained_at) VALUES (n, prev, last_at);
END $$;
--> statement-breakpoint
ALTER TABLE hq_audit_log ENABLE TRIGGER hq_audit_log_append_only;
--> statement-breakpoint
ALTER TABLE hq_audit_log
  ALTER COLUMN seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN row_hash SET NOT NULL,
  ALTER COLUMN db_role SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX hq_audit_log_seq_idx ON hq_audit_log (seq);
--> statement-breakpoint
-- SECURITY DEFINER: the app role cannot write the chain head. Position, hashes, login and time are
-- always set here, whatever the writer supplied; the lock is held to commit, so the chain is a total order.
CREATE FUNCTION hq_audit_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  head hq_audit_chain_head;
BEGIN
  SELECT * INTO STRICT head FROM hq_audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.occurred_at := greatest(clock_timestamp(), head.chained_at);
  NEW.db_role := session_user;
  NEW.row_hash := hq_audit_hash(NEW.prev_hash, hq_audit_canonical(NEW));
  UPDATE hq_audit_chain_head SET seq = NEW.seq, hash = NEW.row_hash, chained_at = NEW.occurred_at WHERE id = 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER hq_audit_log_chain BEFORE INSERT ON hq_audit_log
  FOR EACH ROW EXECUTE FUNCTION hq_audit_chain();
--> statement-breakpoint
-- Review openings and sign-offs enter the trail from the tables themselves, so no code path (or raw
-- SQL) can sign without a trace. The signer is the lead named for the region, whom the API requires
-- to be the caller.
CREATE FUNCTION hq_audit_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'reviews' THEN
    INSERT INTO hq_audit_log (actor, action, subject, detail)
    VALUES (NEW.created_by, 'reviews.open', 'review:' || NEW.id,
            jsonb_build_object('title', NEW.title, 'periodFrom', NEW.period_from, 'periodTo', NEW.period_to));
  ELSIF OLD.signed_at IS NULL AND NEW.signed_at IS NOT NULL THEN
    INSERT INTO hq_audit_log (actor, action, subject, detail)
    VALUES (NEW.lead, 'reviews.sign', 'review:' || NEW.review_id, jsonb_build_object('region', NEW.region));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_audit AFTER INSERT ON reviews
  FOR EACH ROW EXECUTE FUNCTION hq_audit_review();
--> statement-breakpoint
CREATE TRIGGER review_regions_audit AFTER UPDATE OF signed_at ON review_regions
  FOR EACH ROW EXECUTE FUNCTION hq_audit_review();
--> statement-breakpoint
-- Each region's audit chain head as HQ last confirmed it. A region's current chain must still hold
-- this (seq, hash); once it does not, the region is flagged and the stored head is kept as evidence.
CREATE TABLE region_audit_heads (
  region text PRIMARY KEY REFERENCES regions (code),
  seq bigint NOT NULL,
  hash text NOT NULL,
  seen_at timestamptz NOT NULL,
  verified_at timestamptz,
  broken_at timestamptz,
  broken_detail text
);
