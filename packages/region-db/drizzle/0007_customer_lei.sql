-- The Legal Entity Identifier (ISO 17442) staff may record for a customer: the strongest identifier
-- there is, globally unique and public (GLEIF), so the duplicate guard and HQ can link on it before names.
-- The API validates its check digits; the database keeps at least its shape, whatever writes the row.
ALTER TABLE "customers" ADD COLUMN "lei" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_lei_format" CHECK ("lei" IS NULL OR "lei" ~ '^[A-Z0-9]{18}[0-9]{2}$');
--> statement-breakpoint
CREATE INDEX "customers_lei_idx" ON "customers" USING btree ("lei");
--> statement-breakpoint
-- Initials of the typed Latin name (else the name), for the duplicate guard's acronym lookup ("HSBC" →
-- "The Hongkong and Shanghai Banking Corporation"); the query writes the same expression
-- (src/queries/customers.ts, latinInitials) and asks for a prefix, which text_pattern_ops serves.
CREATE INDEX "customers_latin_initials_idx" ON "customers" ((
  regexp_replace(regexp_replace(lower(CASE WHEN "name_latin_source" = 'typed' THEN "name_latin" ELSE "name" END),
    '\m(the|of|and|for|a|an|de|du|des|la|le|les|et|der|die|das|und)\M|''s\M', ' ', 'g'), '[^[:alnum:]]*([[:alnum:]])[[:alnum:]]*', '\1', 'g')
) text_pattern_ops);
