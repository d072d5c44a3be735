-- The meeting policy (core meetingPolicySchema, kind `meetings`, issue 9) may be overridden like the others:
-- 0017's check on policies.kind predates it, so an override of the meeting calendar failed the insert.
ALTER TABLE "policies" DROP CONSTRAINT "policies_kind_check";
--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_kind_check" CHECK ("kind" in ('dues', 'org_shape', 'mobility', 'meetings'));
