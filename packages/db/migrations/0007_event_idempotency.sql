ALTER TABLE "events" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "events_creator_idempotency_key_unique" ON "events" USING btree ("created_by","idempotency_key") WHERE "events"."idempotency_key" IS NOT NULL;