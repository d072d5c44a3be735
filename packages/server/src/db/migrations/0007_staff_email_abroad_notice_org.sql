ALTER TABLE "mobility_episodes" ADD COLUMN "abroad" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "org_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "about_member_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;