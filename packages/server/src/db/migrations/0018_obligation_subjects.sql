-- Obligations an organization owes (a receipt, a term's end, a meeting due), beside the member-owed
-- ones in "obligations": a table of their own keyed by (org_id, kind), so the member-owed rows, their
-- key and the daily scan's write path stay as they are (see db/schema/obligations.ts). Derived rows,
-- recomputed by the daily scan; a backup does not carry them.
CREATE TABLE "org_obligations" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"fulfilled_on" date,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_obligations_state_check" CHECK ("state" in ('ok', 'due_soon', 'overdue', 'breached'))
);
--> statement-breakpoint
ALTER TABLE "org_obligations" ADD CONSTRAINT "org_obligations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "org_obligations_pk" ON "org_obligations" USING btree ("org_id","kind");
--> statement-breakpoint
CREATE INDEX "org_obligations_state_idx" ON "org_obligations" USING btree ("state");
