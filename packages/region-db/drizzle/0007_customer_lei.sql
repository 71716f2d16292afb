-- The Legal Entity Identifier (ISO 17442) staff may record for a customer: the strongest identifier
-- there is, globally unique and public (GLEIF), so the duplicate guard and HQ can link on it before names.
-- The API validates its check digits; the database keeps at least its shape, whatever writes the row.
ALTER TABLE "customers" ADD COLUMN "lei" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_lei_format" CHECK ("lei" IS NULL OR "lei" ~ '^[A-Z0-9]{18}[0-9]{2}$');
--> statement-breakpoint
CREATE INDEX "customers_lei_idx" ON "customers" USING btree ("lei");
