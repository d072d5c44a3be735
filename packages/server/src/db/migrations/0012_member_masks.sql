-- The old ID mask (region 6 + last 4) with the visible birth date and gender gave the whole number
-- (API.md: "a mask never ... complete the number"). Its first 4 characters are still the real ones.
UPDATE "members" SET "id_number_masked" = left("id_number_masked", 4) || repeat('*', 14)
  WHERE "id_number_masked" <> left("id_number_masked", 4) || repeat('*', 14);--> statement-breakpoint
DROP INDEX IF EXISTS "members_masked_idx";--> statement-breakpoint
-- Search by the last 4 characters goes through a keyed hash; the app fills it for existing rows at start.
ALTER TABLE "members" ADD COLUMN "id_suffix_hash" text;--> statement-breakpoint
CREATE INDEX "members_id_suffix_idx" ON "members" USING btree ("id_suffix_hash");
