-- Tamper-evident audit trail: every audit_log row is a link in one hash chain. Each row carries its
-- position (seq), the previous row's hash and its own hash over a canonical text of its content, so a
-- deleted, altered or inserted row breaks the chain where it happened; HQ keeps the chain head it has
-- seen, which catches even a rewrite that recomputes every later hash. The row also records the
-- database login (session_user) and the server's attestation of the transaction's actor, so raw SQL
-- cannot pass itself off as the app.

ALTER TABLE audit_log
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN row_hash text,
  ADD COLUMN db_role text,
  ADD COLUMN txid xid8,
  ADD COLUMN attestation text;
--> statement-breakpoint
-- One row: the current end of the chain. Appends lock it FOR UPDATE, so the chain is a total order
-- and a transaction that rolls back leaves no hole (the lock is held until commit).
CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL,
  chained_at timestamptz NOT NULL,
  -- Rows chained by this migration were written before the server attested actors.
  legacy_seq bigint NOT NULL
);
--> statement-breakpoint
REVOKE ALL ON audit_chain_head FROM PUBLIC;
--> statement-breakpoint
-- The canonical text a row's hash covers. The verifier (src/queries/auditChain.ts) spells the same
-- expression out in its own query rather than calling this function, so redefining the function
-- cannot make altered rows verify. Times are rendered in UTC to the microsecond, whatever the session
-- time zone.
CREATE FUNCTION meridian_audit_canonical(a audit_log) RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, public AS $$
  SELECT jsonb_build_array(
    a.seq, a.id, to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor, a.procedure, a.request_origin, a.db_role, a.txid::text, a.attestation,
    a.table_name, a.row_id, a.action, a.before, a.after
  )::text
$$;
--> statement-breakpoint
CREATE FUNCTION meridian_audit_hash(prev_hash text, canonical text) RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog AS $$
  SELECT encode(sha256(convert_to(prev_hash || canonical, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Chain the rows written before this migration, oldest first (time, then id, so time never runs
-- backwards along the chain). The append-only guard is lifted for this one backfill only.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  n bigint := 0;
  prev text := repeat('0', 64);
  last_at timestamptz := '-infinity';
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY occurred_at, id LOOP
    n := n + 1;
    r.seq := n;
    r.prev_hash := prev;
    r.db_role := 'migration:' || session_user;
    r.row_hash := meridian_audit_hash(prev, meridian_audit_canonical(r));
    UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, db_role = r.db_role, row_hash = r.row_hash WHERE id = r.id;
    prev := r.row_hash;
    last_at := r.occurred_at;
  END LOOP;
  INSERT INTO audit_chain_head (seq, hash, chained_at, legacy_seq)
  VALUES (n, prev, CASE WHEN n = 0 THEN now() ELSE last_at END, n);
END $$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
ALTER TABLE audit_log
  ALTER COLUMN seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN row_hash SET NOT NULL,
  ALTER COLUMN db_role SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);
--> statement-breakpoint
-- Appends a row to the chain. SECURITY DEFINER because the app role cannot write the chain head; the
-- columns a writer might try to supply (position, hashes, login, time, transaction, attestation) are
-- always overwritten here. The time is taken under the lock and never runs backwards, so a row can
-- only be backdated by breaking the chain or the time order, both of which the verifier reports.
CREATE FUNCTION meridian_audit_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO STRICT head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.occurred_at := greatest(clock_timestamp(), head.chained_at);
  NEW.db_role := session_user;
  NEW.txid := pg_current_xact_id();
  NEW.attestation := nullif(current_setting('meridian.attestation', true), '');
  NEW.row_hash := meridian_audit_hash(NEW.prev_hash, meridian_audit_canonical(NEW));
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.row_hash, chained_at = NEW.occurred_at WHERE id = 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION meridian_audit_chain();
--> statement-breakpoint
-- API write transactions take the chain lock first, before any row lock, so two writers can never
-- hold a business row and the chain head crosswise (a deadlock).
CREATE FUNCTION meridian_audit_chain_lock() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE;
END $$;
