-- Versions move in the database, not only in the app. HQ applies a row only when its version is newer,
-- so an UPDATE that changes a row but not its version (a DBA's raw-SQL correction) would be ignored at
-- HQ for ever. Any change that leaves the version where it was, or moves it backwards, gets the next
-- version; the row's updated_at/updated_by then say when and who, unless the statement set them itself.
-- An UPDATE that changes nothing keeps its version.
CREATE FUNCTION meridian_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version IS NULL OR NEW.version <= OLD.version THEN
    IF (to_jsonb(NEW) - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'version') OR NEW.version IS DISTINCT FROM OLD.version THEN
      NEW.version := OLD.version + 1;
      IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
      END IF;
      IF NEW.updated_by IS NOT DISTINCT FROM OLD.updated_by THEN
        NEW.updated_by := meridian_actor();
      END IF;
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Named to fire after contact_records_closed_guard (BEFORE triggers run in name order): a closed record
-- is refused before any version is touched.
CREATE TRIGGER customers_version_bump BEFORE UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION meridian_bump_version();
--> statement-breakpoint
CREATE TRIGGER contact_persons_version_bump BEFORE UPDATE ON contact_persons
  FOR EACH ROW EXECUTE FUNCTION meridian_bump_version();
--> statement-breakpoint
CREATE TRIGGER projects_version_bump BEFORE UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION meridian_bump_version();
--> statement-breakpoint
CREATE TRIGGER contact_records_version_bump BEFORE UPDATE ON contact_records
  FOR EACH ROW EXECUTE FUNCTION meridian_bump_version();
