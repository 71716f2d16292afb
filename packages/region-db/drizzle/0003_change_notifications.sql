-- Wake long-polling federation readers as soon as a transaction that wrote changes commits
-- (NOTIFY is delivered at commit, and identical notifications in one transaction are folded into one).
CREATE FUNCTION meridian_notify_change_feed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('meridian_change_feed', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER change_feed_notify AFTER INSERT ON change_feed
  FOR EACH STATEMENT EXECUTE FUNCTION meridian_notify_change_feed();
