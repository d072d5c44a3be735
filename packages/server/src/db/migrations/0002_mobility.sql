CREATE TABLE "contact_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"contacted_on" date NOT NULL,
	"channel" text NOT NULL,
	"reached" boolean NOT NULL,
	"note" text,
	"by_user_id" uuid,
	"by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inflow_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"host_org_id" uuid NOT NULL,
	"episode_id" uuid,
	"name" text NOT NULL,
	"origin_org_name" text NOT NULL,
	"certificate_number" text,
	"contact_enc" text,
	"contact_masked" text,
	"arrived_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_counters" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "life_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"mode" text NOT NULL,
	"topic" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mobility_episodes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"origin_org_id" uuid NOT NULL,
	"left_on" date NOT NULL,
	"expected_months" integer NOT NULL,
	"reason" text NOT NULL,
	"destination_region" text,
	"fixed_place" boolean NOT NULL,
	"host_has_party_org" boolean NOT NULL,
	"contact_enc" text,
	"contact_masked" text,
	"required_document" text NOT NULL,
	"rule" text NOT NULL,
	"inflow_org_id" uuid,
	"inflow_org_name" text,
	"inflow_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"returned_on" date,
	"return_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"member_id" uuid,
	"user_id" uuid,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"read_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"fulfilled_on" date,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standing_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason_code" text,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "thought_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"month" text NOT NULL,
	"content" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"reply" text
);
--> statement-breakpoint
CREATE TABLE "yearly_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"reviewed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "episode_id" uuid;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "replaces_id" uuid;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "status_reason" text;--> statement-breakpoint
CREATE INDEX "contacts_member_idx" ON "contact_attempts" USING btree ("member_id","contacted_on");--> statement-breakpoint
CREATE INDEX "inflow_host_idx" ON "inflow_members" USING btree ("host_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "letter_counters_pk" ON "letter_counters" USING btree ("org_id","kind","year");--> statement-breakpoint
CREATE INDEX "life_member_idx" ON "life_records" USING btree ("member_id","held_on");--> statement-breakpoint
CREATE INDEX "episodes_member_idx" ON "mobility_episodes" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "episodes_origin_idx" ON "mobility_episodes" USING btree ("origin_org_id","status");--> statement-breakpoint
CREATE INDEX "episodes_inflow_idx" ON "mobility_episodes" USING btree ("inflow_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_member_idx" ON "notifications" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_pk" ON "obligations" USING btree ("member_id","kind");--> statement-breakpoint
CREATE INDEX "obligations_state_idx" ON "obligations" USING btree ("state");--> statement-breakpoint
CREATE INDEX "standing_cases_member_idx" ON "standing_cases" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_member_month_uq" ON "thought_reports" USING btree ("member_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_member_year_uq" ON "yearly_reviews" USING btree ("member_id","year");