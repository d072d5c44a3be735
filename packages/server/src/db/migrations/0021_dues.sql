-- Party dues (issue 10; RULES.md §1, 篇二): the yearly assessments and their batch jobs, payments with one row per
-- member-month paid (the primary key is "every month paid at most once"), receipt counters per organization and
-- year, reductions/exemptions with their approval chain, the branch's consent to quarterly payment, the month
-- cycle per branch with delayed members, remittances upward and the yearly publication.
-- Hand-written (drizzle-kit's snapshots stop at 0010); keys DEFERRABLE INITIALLY IMMEDIATE as in 0017.
CREATE TABLE "dues_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"base" numeric(14, 2),
	"components" jsonb,
	"monthly_amount" numeric(14, 2) NOT NULL,
	"rate" numeric(6, 4),
	"capped" boolean DEFAULT false NOT NULL,
	"from_month" text NOT NULL,
	"reason" text,
	"superseded_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_assessments_category_check" CHECK ("category" in ('salaried', 'annual_salary', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'self_employed', 'other')),
	CONSTRAINT "dues_assessments_month_check" CHECK ("from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and left("from_month", 4)::int = "year"),
	CONSTRAINT "dues_assessments_amount_check" CHECK ("monthly_amount" >= 0 and ("base" is null or "base" >= 0))
);
--> statement-breakpoint
CREATE TABLE "dues_assessment_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"user_id" uuid,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"message" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "dues_assessment_jobs_status_check" CHECK ("status" in ('running', 'succeeded', 'failed')),
	CONSTRAINT "dues_assessment_jobs_counts_check" CHECK ("total" >= 0 and "processed" >= 0 and "created" >= 0 and "skipped" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"months" text[] NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"due" numeric(14, 2) NOT NULL,
	"surplus" numeric(14, 2) NOT NULL,
	"large_dues" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"reference" text,
	"paid_on" date NOT NULL,
	"paid_by_name" text,
	"paid_by_relation" text,
	"paid_by_member_id" uuid,
	"override_reason" text,
	"catch_up" boolean DEFAULT false NOT NULL,
	"receipt_number" text,
	"status" text NOT NULL,
	"note" text,
	"reject_reason" text,
	"submitted_by" uuid,
	"recorded_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_payments_channel_check" CHECK ("channel" in ('cash', 'bank_transfer', 'wechat', 'alipay', 'other')),
	CONSTRAINT "dues_payments_status_check" CHECK ("status" in ('submitted', 'confirmed', 'rejected')),
	CONSTRAINT "dues_payments_amount_check" CHECK ("due" >= 0 and "surplus" >= 0 and "amount" = "due" + "surplus" and (not "large_dues" or "surplus" > 0)),
	CONSTRAINT "dues_payments_receipt_check" CHECK ("status" <> 'confirmed' or "receipt_number" is not null),
	CONSTRAINT "dues_payments_months_check" CHECK (cardinality("months") >= 1)
);
--> statement-breakpoint
CREATE TABLE "dues_payment_months" (
	"member_id" uuid NOT NULL,
	"month" text NOT NULL,
	"payment_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"paid_on" date NOT NULL,
	CONSTRAINT "dues_payment_months_pkey" PRIMARY KEY("member_id","month"),
	CONSTRAINT "dues_payment_months_month_check" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "dues_payment_months_amount_check" CHECK ("amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dues_receipt_counters" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dues_receipt_counters_pkey" PRIMARY KEY("org_id","year"),
	CONSTRAINT "dues_receipt_counters_last_check" CHECK ("last" >= 1)
);
--> statement-breakpoint
CREATE TABLE "dues_reliefs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"monthly_amount" numeric(14, 2),
	"hardship" boolean DEFAULT false NOT NULL,
	"needs_committee" boolean NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"branch_decided_by" uuid,
	"branch_decided_at" timestamp with time zone,
	"committee_decided_by" uuid,
	"committee_decided_at" timestamp with time zone,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_reliefs_kind_check" CHECK ("kind" in ('reduction', 'exemption')),
	CONSTRAINT "dues_reliefs_status_check" CHECK ("status" in ('pending', 'branch_approved', 'approved', 'rejected')),
	CONSTRAINT "dues_reliefs_months_check" CHECK ("from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "to_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "from_month" <= "to_month"),
	CONSTRAINT "dues_reliefs_amount_check" CHECK (("kind" = 'reduction') = ("monthly_amount" is not null) and ("monthly_amount" is null or "monthly_amount" >= 0))
);
--> statement-breakpoint
CREATE TABLE "dues_quarterly" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_quarterly_months_check" CHECK ("from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "to_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "from_month" <= "to_month")
);
--> statement-breakpoint
CREATE TABLE "dues_cycles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"settled_on" date,
	"settled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_cycles_status_check" CHECK ("status" in ('open', 'collecting', 'settled')),
	CONSTRAINT "dues_cycles_month_check" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "dues_cycles_settled_check" CHECK (("status" = 'settled') = ("settled_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "dues_delays" (
	"cycle_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_delays_pkey" PRIMARY KEY("cycle_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "dues_remittances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"collected" numeric(14, 2) NOT NULL,
	"sent_on" date NOT NULL,
	"sent_by" uuid,
	"received_on" date,
	"received_amount" numeric(14, 2),
	"received_by" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_remittances_months_check" CHECK ("from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "to_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "from_month" <= "to_month"),
	CONSTRAINT "dues_remittances_amount_check" CHECK ("amount" >= 0 and "collected" >= 0 and ("received_amount" is null or "received_amount" >= 0)),
	CONSTRAINT "dues_remittances_received_check" CHECK (("received_on" is null) = ("received_amount" is null))
);
--> statement-breakpoint
CREATE TABLE "dues_publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"collected" numeric(14, 2) NOT NULL,
	"remitted" numeric(14, 2) NOT NULL,
	"used" jsonb NOT NULL,
	"note" text,
	"published_on" date NOT NULL,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_publications_amount_check" CHECK ("collected" >= 0 and "remitted" >= 0)
);
--> statement-breakpoint
ALTER TABLE "dues_assessments" ADD CONSTRAINT "dues_assessments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_assessments" ADD CONSTRAINT "dues_assessments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_assessments" ADD CONSTRAINT "dues_assessments_superseded_by_dues_assessments_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."dues_assessments"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_assessments" ADD CONSTRAINT "dues_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_assessment_jobs" ADD CONSTRAINT "dues_assessment_jobs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_assessment_jobs" ADD CONSTRAINT "dues_assessment_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_paid_by_member_id_members_id_fk" FOREIGN KEY ("paid_by_member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payment_months" ADD CONSTRAINT "dues_payment_months_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payment_months" ADD CONSTRAINT "dues_payment_months_payment_id_dues_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."dues_payments"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_payment_months" ADD CONSTRAINT "dues_payment_months_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_receipt_counters" ADD CONSTRAINT "dues_receipt_counters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_branch_decided_by_users_id_fk" FOREIGN KEY ("branch_decided_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_committee_decided_by_users_id_fk" FOREIGN KEY ("committee_decided_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_quarterly" ADD CONSTRAINT "dues_quarterly_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_quarterly" ADD CONSTRAINT "dues_quarterly_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_quarterly" ADD CONSTRAINT "dues_quarterly_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_cycles" ADD CONSTRAINT "dues_cycles_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_cycles" ADD CONSTRAINT "dues_cycles_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_delays" ADD CONSTRAINT "dues_delays_cycle_id_dues_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."dues_cycles"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_delays" ADD CONSTRAINT "dues_delays_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_delays" ADD CONSTRAINT "dues_delays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_remittances" ADD CONSTRAINT "dues_remittances_from_org_id_orgs_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_remittances" ADD CONSTRAINT "dues_remittances_to_org_id_orgs_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_remittances" ADD CONSTRAINT "dues_remittances_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_remittances" ADD CONSTRAINT "dues_remittances_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_publications" ADD CONSTRAINT "dues_publications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "dues_publications" ADD CONSTRAINT "dues_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_assessments_member_from_uq" ON "dues_assessments" USING btree ("member_id","year","from_month") WHERE "superseded_by" is null;
--> statement-breakpoint
CREATE INDEX "dues_assessments_org_year_idx" ON "dues_assessments" USING btree ("org_id","year");
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_receipt_uq" ON "dues_payments" USING btree ("org_id","receipt_number") WHERE "receipt_number" is not null;
--> statement-breakpoint
CREATE INDEX "dues_payments_member_idx" ON "dues_payments" USING btree ("member_id","paid_on");
--> statement-breakpoint
CREATE INDEX "dues_payments_org_idx" ON "dues_payments" USING btree ("org_id","paid_on");
--> statement-breakpoint
CREATE INDEX "dues_payments_submitted_idx" ON "dues_payments" USING btree ("org_id") WHERE "status" = 'submitted';
--> statement-breakpoint
CREATE INDEX "dues_payment_months_payment_idx" ON "dues_payment_months" USING btree ("payment_id");
--> statement-breakpoint
CREATE INDEX "dues_payment_months_org_month_idx" ON "dues_payment_months" USING btree ("org_id","month");
--> statement-breakpoint
CREATE INDEX "dues_reliefs_member_idx" ON "dues_reliefs" USING btree ("member_id","from_month");
--> statement-breakpoint
CREATE INDEX "dues_reliefs_org_status_idx" ON "dues_reliefs" USING btree ("org_id","status");
--> statement-breakpoint
CREATE INDEX "dues_quarterly_member_idx" ON "dues_quarterly" USING btree ("member_id","from_month");
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_cycles_org_month_uq" ON "dues_cycles" USING btree ("org_id","month");
--> statement-breakpoint
CREATE INDEX "dues_delays_member_idx" ON "dues_delays" USING btree ("member_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_remittances_from_period_uq" ON "dues_remittances" USING btree ("from_org_id","from_month");
--> statement-breakpoint
CREATE INDEX "dues_remittances_to_idx" ON "dues_remittances" USING btree ("to_org_id","to_month");
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_publications_org_year_uq" ON "dues_publications" USING btree ("org_id","year");
--> statement-breakpoint
-- Assessments are superseded, never deleted by the application; a restore or a test that clears them checks this
-- self-reference per row, which without an index scans the table.
CREATE INDEX "dues_assessments_superseded_by_idx" ON "dues_assessments" USING btree ("superseded_by");
