-- Organizational life (issue 9; RULES.md §4 and §6): meetings planned and held, their expected attendees and
-- attachments (stored here so both engines and every instance see them), leave, exemptions, the escalations of
-- members and organizations, and the disposal queue with its five steps. life_records gains the meeting that
-- wrote it, so a meeting's attendees are its life records and a mobile member's life at the host counts at home.
-- Hand-written (drizzle-kit's snapshots stop at 0010); keys DEFERRABLE INITIALLY IMMEDIATE as in 0017.
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"place" text,
	"recorder" text,
	"minutes" text,
	"late" boolean DEFAULT false NOT NULL,
	"late_reason" text,
	"recorded_on" date,
	"recorded_by" uuid,
	"votes" jsonb,
	"expected" integer DEFAULT 0 NOT NULL,
	"attending" integer DEFAULT 0 NOT NULL,
	"quorum_needed" integer,
	"sign_in_code" text,
	"sign_in_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_type_check" CHECK ("type" in ('assembly', 'committee_meeting', 'group_meeting', 'party_lecture', 'theme_day', 'life_meeting', 'heart_talk')),
	CONSTRAINT "meetings_status_check" CHECK ("status" in ('planned', 'held')),
	CONSTRAINT "meetings_late_reason_check" CHECK (not "late" or "late_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"status" text,
	"leave_reason" text,
	"signed_in_at" timestamp with time zone,
	"guest" boolean DEFAULT false NOT NULL,
	CONSTRAINT "meeting_attendance_pkey" PRIMARY KEY("meeting_id","member_id"),
	CONSTRAINT "meeting_attendance_status_check" CHECK ("status" is null or "status" in ('present', 'online', 'excused', 'absent', 'late')),
	CONSTRAINT "meeting_attendance_leave_reason_check" CHECK ("leave_reason" is null or "leave_reason" in ('sick', 'official', 'personal'))
);
--> statement-breakpoint
CREATE TABLE "meeting_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" bytea NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attachments_size_check" CHECK ("size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_requests_reason_check" CHECK ("reason" in ('sick', 'official', 'personal')),
	CONSTRAINT "leave_requests_status_check" CHECK ("status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "life_exemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"from_on" date NOT NULL,
	"until_on" date,
	"note" text,
	"approved_by_org_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "life_exemptions_reason_check" CHECK ("reason" in ('ill', 'elderly', 'bedridden', 'other')),
	CONSTRAINT "life_exemptions_range_check" CHECK ("until_on" is null or "until_on" >= "from_on")
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cause" text NOT NULL,
	"meeting_id" uuid,
	"created_on" date NOT NULL,
	"number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escalations_kind_check" CHECK ("kind" in ('sms_reminder', 'warning_letter', 'backward_member', 'lapse_candidate')),
	CONSTRAINT "escalations_cause_check" CHECK ("cause" in ('unexcused_absence', 'excessive_leave', 'two_warning_letters', 'no_life_6m'))
);
--> statement-breakpoint
CREATE TABLE "org_escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"created_on" date NOT NULL,
	"number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_escalations_kind_check" CHECK ("kind" in ('written_reminder', 'admonition_talk', 'org_disposal'))
);
--> statement-breakpoint
CREATE TABLE "disposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"last_step_on" date,
	"created_on" date NOT NULL,
	"cause" text,
	"decision" text,
	"follow_up_on" date,
	"dismissed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposals_ground_check" CHECK ("ground" in ('no_life_6m', 'no_dues_6m', 'no_work_6m', 'unqualified_evaluation', 'unqualified_twice', 'correction_failed', 'points', 'backward_member', 'lost_contact')),
	CONSTRAINT "disposals_status_check" CHECK ("status" in ('candidate', 'in_procedure', 'decided', 'dismissed')),
	CONSTRAINT "disposals_step_check" CHECK ("step" between 0 and 5),
	CONSTRAINT "disposals_decision_check" CHECK ("decision" is null or "decision" in ('correction_period', 'persuade_out', 'remove', 'extend_probation', 'none'))
);
--> statement-breakpoint
CREATE TABLE "disposal_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"disposal_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"on" date NOT NULL,
	"body" text NOT NULL,
	"vote" jsonb,
	"passed" boolean,
	"decision" text,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposal_steps_step_check" CHECK ("step" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "life_records" ADD COLUMN "meeting_id" uuid;
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "life_exemptions" ADD CONSTRAINT "life_exemptions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "life_exemptions" ADD CONSTRAINT "life_exemptions_approved_by_org_id_orgs_id_fk" FOREIGN KEY ("approved_by_org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "life_exemptions" ADD CONSTRAINT "life_exemptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "org_escalations" ADD CONSTRAINT "org_escalations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "life_records" ADD CONSTRAINT "life_records_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "disposals" ADD CONSTRAINT "disposals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "disposals" ADD CONSTRAINT "disposals_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "disposal_steps" ADD CONSTRAINT "disposal_steps_disposal_id_disposals_id_fk" FOREIGN KEY ("disposal_id") REFERENCES "public"."disposals"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "disposal_steps" ADD CONSTRAINT "disposal_steps_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "meetings_org_held_idx" ON "meetings" USING btree ("org_id","held_on");
--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_sign_in_code_uq" ON "meetings" USING btree ("sign_in_code") WHERE "meetings"."sign_in_code" is not null;
--> statement-breakpoint
CREATE INDEX "meeting_attendance_member_idx" ON "meeting_attendance" USING btree ("member_id","held_on");
--> statement-breakpoint
CREATE INDEX "meeting_attachments_meeting_idx" ON "meeting_attachments" USING btree ("meeting_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "leave_requests_meeting_member_uq" ON "leave_requests" USING btree ("meeting_id","member_id");
--> statement-breakpoint
CREATE INDEX "leave_requests_member_idx" ON "leave_requests" USING btree ("member_id");
--> statement-breakpoint
CREATE INDEX "life_exemptions_member_idx" ON "life_exemptions" USING btree ("member_id","from_on");
--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_member_kind_meeting_uq" ON "escalations" USING btree ("member_id","kind","cause","meeting_id");
--> statement-breakpoint
CREATE INDEX "escalations_member_idx" ON "escalations" USING btree ("member_id","created_on");
--> statement-breakpoint
CREATE INDEX "escalations_org_idx" ON "escalations" USING btree ("org_id","created_on");
--> statement-breakpoint
CREATE UNIQUE INDEX "org_escalations_org_period_uq" ON "org_escalations" USING btree ("org_id","period");
--> statement-breakpoint
CREATE UNIQUE INDEX "life_records_meeting_member_uq" ON "life_records" USING btree ("meeting_id","member_id") WHERE "life_records"."meeting_id" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "disposals_open_uq" ON "disposals" USING btree ("member_id","ground") WHERE "disposals"."status" in ('candidate', 'in_procedure');
--> statement-breakpoint
CREATE INDEX "disposals_org_status_idx" ON "disposals" USING btree ("org_id","status");
--> statement-breakpoint
CREATE INDEX "disposals_member_idx" ON "disposals" USING btree ("member_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "disposal_steps_disposal_step_uq" ON "disposal_steps" USING btree ("disposal_id","step");
