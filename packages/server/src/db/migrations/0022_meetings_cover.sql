-- The township comparison (issue 9 target: p95 ≤ 100 ms) reads the held months of every organization of a
-- subtree, one index range each: with the kind and status in the index those ranges are index-only scans and
-- never touch the scattered heap rows (440 ms → under 90 ms for a 1,950-organization township of the 1M bench).
DROP INDEX "meetings_org_held_idx";
--> statement-breakpoint
CREATE INDEX "meetings_org_held_idx" ON "meetings" USING btree ("org_id","held_on") INCLUDE ("type","status");
