-- One truth for "mobile" (issue 17 item 1): members.mobile / destination_region are derived from the open
-- episode. A register mark without an episode becomes an episode the secretary completes.
ALTER TABLE "mobility_episodes" ALTER COLUMN "left_on" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "mobility_episodes" ALTER COLUMN "expected_months" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "mobility_episodes" ALTER COLUMN "reason" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "mobility_episodes" ALTER COLUMN "required_document" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "mobility_episodes" ADD COLUMN "needs_completion" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "mobility_episodes" ADD COLUMN "expected_return_on" date;
--> statement-breakpoint
ALTER TABLE "mobility_episodes" ADD COLUMN "relationship_can_move" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
INSERT INTO "mobility_episodes" ("id", "member_id", "origin_org_id", "destination_region", "fixed_place",
  "host_has_party_org", "rule", "needs_completion", "status")
SELECT gen_random_uuid(), m."id", m."org_id", m."destination_region", false, false,
  '登记表标记为流动党员：外出日期、预计外出时间和外出事由待补全，补全后按规定确定须开具的证明（RULES.md §2）',
  true, 'open'
FROM "members" m
WHERE m."mobile" AND m."exit_kind" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "mobility_episodes" e WHERE e."member_id" = m."id" AND e."status" = 'open');
