ALTER TABLE "events" ADD COLUMN "pre_queue_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_pre_queue_before_sales" CHECK ("events"."pre_queue_opens_at" IS NULL OR ("events"."sales_start_at" IS NOT NULL AND "events"."pre_queue_opens_at" < "events"."sales_start_at"));--> statement-breakpoint
ALTER TABLE "event_queues" ADD COLUMN "draw_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_queues" ADD COLUMN "draw_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_queues" ADD CONSTRAINT "event_queues_draw_window_ordered" CHECK (("event_queues"."draw_opens_at" IS NULL) = ("event_queues"."draw_at" IS NULL) AND ("event_queues"."draw_at" IS NULL OR "event_queues"."draw_opens_at" < "event_queues"."draw_at"));--> statement-breakpoint
CREATE TABLE "event_draws" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"seed" text NOT NULL,
	"commitment" text NOT NULL,
	"drawn_at" timestamp with time zone,
	"entries" integer,
	CONSTRAINT "event_draws_seed_hex" CHECK ("event_draws"."seed" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "event_draws_commitment_of_seed" CHECK ("event_draws"."commitment" = encode(sha256(decode("event_draws"."seed", 'hex')), 'hex')),
	CONSTRAINT "event_draws_drawn_has_entries" CHECK (("event_draws"."drawn_at" IS NULL) = ("event_draws"."entries" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "draw_entries" (
	"reservation_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"rank" text,
	"position" integer,
	CONSTRAINT "draw_entries_one_per_customer" UNIQUE("event_id","customer_id"),
	CONSTRAINT "draw_entries_event_position_unique" UNIQUE("event_id","position"),
	CONSTRAINT "draw_entries_ranked_together" CHECK (("draw_entries"."rank" IS NULL) = ("draw_entries"."position" IS NULL)),
	CONSTRAINT "draw_entries_position_positive" CHECK ("draw_entries"."position" IS NULL OR "draw_entries"."position" > 0)
);
--> statement-breakpoint
ALTER TABLE "event_draws" ADD CONSTRAINT "event_draws_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_queues_draw_due_idx" ON "event_queues" USING btree ("draw_at") WHERE "event_queues"."draw_at" IS NOT NULL;
