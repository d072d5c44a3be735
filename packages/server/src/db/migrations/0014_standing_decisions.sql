-- Four eyes on 党籍 decisions (RULES.md §2: the branch decides, the committee approves): who proposed
-- from which organization, the branch meeting that decided and its vote, and the committee that decides.
ALTER TABLE "standing_cases" ADD COLUMN "proposer_org_id" uuid;
--> statement-breakpoint
ALTER TABLE "standing_cases" ADD COLUMN "deciding_org_id" uuid;
--> statement-breakpoint
ALTER TABLE "standing_cases" ADD COLUMN "meeting_on" date;
--> statement-breakpoint
ALTER TABLE "standing_cases" ADD COLUMN "meeting_body" text;
--> statement-breakpoint
ALTER TABLE "standing_cases" ADD COLUMN "votes_for" integer;
--> statement-breakpoint
ALTER TABLE "standing_cases" ADD COLUMN "votes_against" integer;
--> statement-breakpoint
ALTER TABLE "standing_cases" ADD COLUMN "votes_abstain" integer;
--> statement-breakpoint
-- Cases proposed before: the deciding committee is the nearest committee above the member's branch.
UPDATE "standing_cases" c SET "deciding_org_id" = (
  select a.id from members m join orgs o on o.id = m.org_id join orgs a on a.path @> o.path
  where m.id = c.member_id and a.type in ('committee', 'working_committee')
  order by nlevel(a.path) desc limit 1);
