-- A member's own proposal to change their contact details (portal), decided by the branch staff.
CREATE TABLE "contact_change_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"address_enc" text,
	"region" text,
	"other_contact_enc" text,
	"other_contact_masked" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contact_changes_member_idx" ON "contact_change_requests" USING btree ("member_id","created_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "contact_changes_pending_uq" ON "contact_change_requests" USING btree ("member_id") WHERE "contact_change_requests"."status" = 'pending';
