CREATE TYPE "public"."waitlist_entry_status" AS ENUM('waiting', 'offered', 'accepted', 'lapsed', 'declined', 'left');--> statement-breakpoint
CREATE TABLE "waitlist_lines" (
	"ticket_type_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	"waiting_tickets" integer DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "waitlist_lines_counts_non_negative" CHECK ("waitlist_lines"."last_seq" >= 0 AND "waitlist_lines"."waiting" >= 0 AND "waitlist_lines"."waiting_tickets" >= "waitlist_lines"."waiting" AND "waitlist_lines"."offered" >= 0)
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"seq" bigint NOT NULL,
	"arrival" bigint NOT NULL,
	"status" "waitlist_entry_status" DEFAULT 'waiting' NOT NULL,
	"offer_ttl_seconds" integer NOT NULL,
	"offer_reservation_id" uuid,
	"offered_quantity" integer,
	"offered_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"request_id" text,
	CONSTRAINT "waitlist_entries_quantity_positive" CHECK ("waitlist_entries"."quantity" > 0),
	CONSTRAINT "waitlist_entries_offer_ttl_positive" CHECK ("waitlist_entries"."offer_ttl_seconds" > 0),
	CONSTRAINT "waitlist_entries_offered_quantity_within" CHECK ("waitlist_entries"."offered_quantity" IS NULL OR ("waitlist_entries"."offered_quantity" > 0 AND "waitlist_entries"."offered_quantity" <= "waitlist_entries"."quantity")),
	CONSTRAINT "waitlist_entries_offer_matches_status" CHECK (("waitlist_entries"."offer_reservation_id" IS NOT NULL) = ("waitlist_entries"."status" IN ('offered', 'accepted', 'lapsed', 'declined') AND "waitlist_entries"."offered_quantity" IS NOT NULL)),
	CONSTRAINT "waitlist_entries_closed_matches_status" CHECK (("waitlist_entries"."closed_at" IS NULL) = ("waitlist_entries"."status" IN ('waiting', 'offered')))
);
--> statement-breakpoint
ALTER TABLE "waitlist_lines" ADD CONSTRAINT "waitlist_lines_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_lines" ADD CONSTRAINT "waitlist_lines_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_ticket_type_id_waitlist_lines_ticket_type_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."waitlist_lines"("ticket_type_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_offer_reservation_id_reservations_id_fk" FOREIGN KEY ("offer_reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waitlist_lines_event_idx" ON "waitlist_lines" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_active_unique" ON "waitlist_entries" USING btree ("event_id","customer_id","ticket_type_id") WHERE "waitlist_entries"."status" IN ('waiting', 'offered');--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_line_seq_unique" ON "waitlist_entries" USING btree ("ticket_type_id","seq");--> statement-breakpoint
CREATE INDEX "waitlist_entries_waiting_idx" ON "waitlist_entries" USING btree ("ticket_type_id","seq") WHERE "waitlist_entries"."status" = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_offer_unique" ON "waitlist_entries" USING btree ("offer_reservation_id") WHERE "waitlist_entries"."offer_reservation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "waitlist_entries_customer_idx" ON "waitlist_entries" USING btree ("customer_id","event_id");
