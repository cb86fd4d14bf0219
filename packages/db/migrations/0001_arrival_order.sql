ALTER TABLE "reservations" ADD COLUMN "arrival" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "reservations_queued_arrival_idx" ON "reservations" USING btree ("event_id","arrival") WHERE "reservations"."status" = 'queued';--> statement-breakpoint
DROP INDEX "reservations_queued_idx";
