CREATE TABLE "event_queues" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_tickets" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "event_queues_counts_non_negative" CHECK ("event_queues"."last_seq" >= 0 AND "event_queues"."last_tickets" >= 0)
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "queue_seq" bigint;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "tickets_before" bigint;--> statement-breakpoint
ALTER TABLE "event_queues" ADD CONSTRAINT "event_queues_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_queued_place_idx" ON "reservations" USING btree ("event_id","queue_seq") WHERE "reservations"."status" = 'queued' AND "reservations"."queue_seq" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reservations_cancelled_place_idx" ON "reservations" USING btree ("event_id","queue_seq") WHERE "reservations"."status" = 'cancelled' AND "reservations"."queue_seq" IS NOT NULL;