-- Events written before this migration keep their SHA-256 links (hash_version 1); the application
-- writes HMAC-keyed events (2) from now on. The head row records the chain's end as it stands; the
-- application signs it at its next start (lib/audit.ts sealAuditHead), since SQL has no key.
ALTER TABLE "audit_events" ADD COLUMN "hash_version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash_version" SET DEFAULT 2;
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"events" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"mac" text
);
--> statement-breakpoint
INSERT INTO "audit_head" ("id", "events", "last_id", "last_hash")
SELECT 1, count(*), coalesce(max("id"), 0),
	coalesce((SELECT "hash" FROM "audit_events" ORDER BY "id" DESC LIMIT 1), repeat('0', 64))
FROM "audit_events";
--> statement-breakpoint
CREATE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '审计日志只能追加，不能修改或删除（% %）', TG_OP, TG_TABLE_NAME
		USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
	FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
	FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_head_no_delete" BEFORE DELETE ON "audit_head"
	FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_head_no_truncate" BEFORE TRUNCATE ON "audit_head"
	FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
-- The application only ever moves the head forward and never unsigns it.
CREATE FUNCTION "audit_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW."events" < OLD."events" OR NEW."last_id" < OLD."last_id"
		OR (OLD."mac" IS NOT NULL AND NEW."mac" IS NULL) THEN
		RAISE EXCEPTION '审计链头只能向前推进' USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_head_forward_only" BEFORE UPDATE ON "audit_head"
	FOR EACH ROW EXECUTE FUNCTION "audit_head_forward_only"();
