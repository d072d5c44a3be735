CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"org_id" uuid,
	"org_path" "ltree",
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"file_name" text,
	"status" text NOT NULL,
	"phase" text DEFAULT 'reading' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"errors" jsonb,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"member_id" uuid NOT NULL,
	"issued_by_org_id" uuid NOT NULL,
	"to_org_id" uuid,
	"to_org_name" text,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_relatives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"name" text NOT NULL,
	"related_member_id" uuid,
	"id_number_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"birth_date" date NOT NULL,
	"education" text,
	"occupation" text,
	"dues_category" text,
	"job_post" text,
	"phone_enc" text,
	"phone_masked" text,
	"address_enc" text,
	"kind" text NOT NULL,
	"joined_on" date NOT NULL,
	"full_on" date,
	"standing" text DEFAULT 'normal' NOT NULL,
	"stop_reason" text,
	"lost_contact" boolean DEFAULT false NOT NULL,
	"lost_contact_since" date,
	"lost_contact_reason" text,
	"mobile" boolean DEFAULT false NOT NULL,
	"destination_region" text,
	"exit_kind" text,
	"exit_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"path" "ltree" NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"region_code" text,
	"units" integer,
	"term_started_on" date,
	"term_ends_on" date,
	"dissolved_at" timestamp with time zone,
	"merged_into" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid,
	"kind" text NOT NULL,
	"effective_from" date NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"org_id" uuid,
	"role" text NOT NULL,
	"member_id" uuid,
	"display_name" text,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_org_path_gist" ON "audit_events" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_code_uq" ON "letters" USING btree ("code");--> statement-breakpoint
CREATE INDEX "letters_member_idx" ON "letters" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "relatives_member_idx" ON "member_relatives" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "relatives_hash_idx" ON "member_relatives" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_hash_uq" ON "members" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "members_org_name_idx" ON "members" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "members_masked_idx" ON "members" USING btree ("id_number_masked");--> statement-breakpoint
CREATE INDEX "org_posts_org_idx" ON "org_posts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "orgs_path_gist" ON "orgs" USING gist ("path");--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "policies_org_kind_idx" ON "policies" USING btree ("org_id","kind","effective_from");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");