CREATE TYPE "public"."event_status" AS ENUM('on_sale', 'paused', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."reservation_status" AS ENUM('queued', 'held', 'rejected', 'confirmed', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."rejection_reason" AS ENUM('sold_out', 'limit_exceeded', 'sales_closed', 'event_not_on_sale', 'unknown_ticket_type');--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"sales_start_at" timestamp with time zone,
	"sales_end_at" timestamp with time zone,
	"status" "event_status" DEFAULT 'on_sale' NOT NULL,
	"hold_ttl_seconds" integer DEFAULT 600 NOT NULL,
	"max_tickets_per_customer" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_hold_ttl_positive" CHECK ("events"."hold_ttl_seconds" > 0),
	CONSTRAINT "events_max_tickets_positive" CHECK ("events"."max_tickets_per_customer" IS NULL OR "events"."max_tickets_per_customer" > 0),
	CONSTRAINT "events_sales_window_ordered" CHECK ("events"."sales_start_at" IS NULL OR "events"."sales_end_at" IS NULL OR "events"."sales_end_at" > "events"."sales_start_at")
);
--> statement-breakpoint
CREATE TABLE "ticket_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"price_cents" integer NOT NULL,
	"capacity" integer NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "ticket_types_event_code_unique" UNIQUE("event_id","code"),
	CONSTRAINT "ticket_types_price_non_negative" CHECK ("ticket_types"."price_cents" >= 0),
	CONSTRAINT "ticket_types_capacity_non_negative" CHECK ("ticket_types"."capacity" >= 0),
	CONSTRAINT "ticket_types_held_non_negative" CHECK ("ticket_types"."held" >= 0),
	CONSTRAINT "ticket_types_sold_non_negative" CHECK ("ticket_types"."sold" >= 0),
	CONSTRAINT "ticket_types_within_capacity" CHECK ("ticket_types"."held" + "ticket_types"."sold" <= "ticket_types"."capacity")
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"status" "reservation_status" DEFAULT 'queued' NOT NULL,
	"reason" "rejection_reason",
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"request_id" text,
	"expires_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision_started_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "reservations_customer_idempotency_key_unique" UNIQUE("customer_id","idempotency_key"),
	CONSTRAINT "reservations_rejected_has_reason" CHECK (("reservations"."status" = 'rejected') = ("reservations"."reason" IS NOT NULL)),
	CONSTRAINT "reservations_held_has_expiry" CHECK ("reservations"."status" <> 'held' OR "reservations"."expires_at" IS NOT NULL),
	CONSTRAINT "reservations_version_positive" CHECK ("reservations"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "reservation_items" (
	"reservation_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "reservation_items_reservation_id_ticket_type_id_pk" PRIMARY KEY("reservation_id","ticket_type_id"),
	CONSTRAINT "reservation_items_quantity_positive" CHECK ("reservation_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "reservation_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reservation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"from_status" "reservation_status",
	"to_status" "reservation_status" NOT NULL,
	"reason" "rejection_reason",
	"actor" text NOT NULL,
	"request_id" text,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "reservation_history_version_unique" UNIQUE("reservation_id","version")
);
--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_items" ADD CONSTRAINT "reservation_items_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_history" ADD CONSTRAINT "reservation_history_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_created_at_idx" ON "events" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "reservations_customer_created_idx" ON "reservations" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reservations_live_by_customer_idx" ON "reservations" USING btree ("event_id","customer_id") WHERE "reservations"."status" IN ('held', 'confirmed');--> statement-breakpoint
CREATE INDEX "reservations_hold_expiry_idx" ON "reservations" USING btree ("expires_at") WHERE "reservations"."status" = 'held';--> statement-breakpoint
CREATE INDEX "reservations_queued_idx" ON "reservations" USING btree ("created_at") WHERE "reservations"."status" = 'queued';