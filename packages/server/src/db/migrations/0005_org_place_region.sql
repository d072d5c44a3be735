ALTER TABLE "orgs" ADD COLUMN "place_region" text;--> statement-breakpoint
UPDATE "orgs" o SET "place_region" = (
  SELECT a."region_code" FROM "orgs" a
  WHERE o."path" <@ a."path" AND a."region_code" IS NOT NULL
  ORDER BY nlevel(a."path") DESC LIMIT 1
);
