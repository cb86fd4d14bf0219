ALTER TABLE "reservations" ADD COLUMN "arrival" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "partition" smallint;--> statement-breakpoint
-- Upgrade with no request queued (as for a PARTITION_COUNT change); older rows are settled and never read by partition again.
UPDATE "reservations" SET "partition" = 0 WHERE "partition" IS NULL;--> statement-breakpoint
ALTER TABLE "reservations" ALTER COLUMN "partition" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "reservations_queued_arrival_idx" ON "reservations" USING btree ("partition","arrival") WHERE "reservations"."status" = 'queued';--> statement-breakpoint
DROP INDEX "reservations_queued_idx";
