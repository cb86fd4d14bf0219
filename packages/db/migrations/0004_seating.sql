-- Assigned seating: sections (one ticket type each) → rows → seats, labelled <section>-<row>-<number>, unique per event;
-- seat_assignments records the seats a reservation holds or bought, and its partial unique index on seat_id over
-- unreleased rows is the guarantee that a seat is in at most one live hold or sale. ticket_types.inventory_version is
-- bumped by every write of a ticket type's counters or seats (the seat caches of the workers and the API key on it).
ALTER TYPE "public"."rejection_reason" ADD VALUE 'seats_taken' BEFORE 'internal_error';--> statement-breakpoint
ALTER TYPE "public"."rejection_reason" ADD VALUE 'not_together_available' BEFORE 'internal_error';--> statement-breakpoint
ALTER TYPE "public"."rejection_reason" ADD VALUE 'unknown_seats' BEFORE 'internal_error';--> statement-breakpoint
CREATE TABLE "seat_sections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "seat_sections_event_code_unique" UNIQUE("event_id","code")
);
--> statement-breakpoint
CREATE TABLE "seat_rows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"section_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "seat_rows_section_label_unique" UNIQUE("section_id","label")
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"row_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"accessible" boolean DEFAULT false NOT NULL,
	"restricted_view" boolean DEFAULT false NOT NULL,
	CONSTRAINT "seats_event_label_unique" UNIQUE("event_id","label"),
	CONSTRAINT "seats_row_number_unique" UNIQUE("row_id","number"),
	CONSTRAINT "seats_number_positive" CHECK ("seats"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "seat_assignments" (
	"reservation_id" uuid NOT NULL,
	"seat_id" bigint NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "seat_assignments_pkey" PRIMARY KEY("reservation_id","seat_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_types" ADD COLUMN "seated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD COLUMN "inventory_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "seat_request" jsonb;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "taken_seats" text[];--> statement-breakpoint
ALTER TABLE "seat_sections" ADD CONSTRAINT "seat_sections_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_sections" ADD CONSTRAINT "seat_sections_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_rows" ADD CONSTRAINT "seat_rows_section_id_seat_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."seat_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_row_id_seat_rows_id_fk" FOREIGN KEY ("row_id") REFERENCES "public"."seat_rows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seat_sections_ticket_type_idx" ON "seat_sections" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "seats_ticket_type_idx" ON "seats" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_assignments_live_seat_unique" ON "seat_assignments" USING btree ("seat_id") WHERE "seat_assignments"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "seat_assignments_live_by_ticket_type_idx" ON "seat_assignments" USING btree ("ticket_type_id","seat_id") WHERE "seat_assignments"."released_at" IS NULL;