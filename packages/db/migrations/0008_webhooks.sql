CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"event_types" text[] NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"allow_private" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_url_http" CHECK ("webhook_endpoints"."url" ~ '^https?://[^/?#]+'),
	CONSTRAINT "webhook_endpoints_event_types_known" CHECK (cardinality("webhook_endpoints"."event_types") > 0 AND "webhook_endpoints"."event_types" <@ ARRAY['reservation.held','reservation.rejected','reservation.confirmed','reservation.cancelled','reservation.expired','waitlist.offered','event.sold_out']::text[]),
	CONSTRAINT "webhook_endpoints_secret_format" CHECK ("webhook_endpoints"."secret" ~ '^whsec_[A-Za-z0-9+/]+={0,2}$' AND ("webhook_endpoints"."previous_secret" IS NULL OR "webhook_endpoints"."previous_secret" ~ '^whsec_[A-Za-z0-9+/]+={0,2}$')),
	CONSTRAINT "webhook_endpoints_previous_secret_expires" CHECK (("webhook_endpoints"."previous_secret" IS NULL) = ("webhook_endpoints"."previous_secret_expires_at" IS NULL)),
	CONSTRAINT "webhook_endpoints_disabled_reason" CHECK (("webhook_endpoints"."disabled_at" IS NULL) = ("webhook_endpoints"."disabled_reason" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "webhook_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"event_id" uuid NOT NULL,
	"reservation_id" uuid,
	"sequence" integer,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_messages_type_known" CHECK ("webhook_messages"."type" IN ('reservation.held','reservation.rejected','reservation.confirmed','reservation.cancelled','reservation.expired','waitlist.offered','event.sold_out')),
	CONSTRAINT "webhook_messages_reservation_sequence" CHECK (("webhook_messages"."reservation_id" IS NULL) = ("webhook_messages"."sequence" IS NULL)),
	CONSTRAINT "webhook_messages_reservation_types" CHECK ("webhook_messages"."type" NOT LIKE 'reservation.%' OR "webhook_messages"."reservation_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_messages_reservation_sequence_unique" ON "webhook_messages" USING btree ("reservation_id","type","sequence") WHERE "webhook_messages"."reservation_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"schedule_step" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enqueued_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_message_endpoint_unique" UNIQUE("message_id","endpoint_id"),
	CONSTRAINT "webhook_deliveries_state_known" CHECK ("webhook_deliveries"."state" IN ('pending','delivered','dead')),
	CONSTRAINT "webhook_deliveries_delivered_at" CHECK (("webhook_deliveries"."state" = 'delivered') = ("webhook_deliveries"."delivered_at" IS NOT NULL)),
	CONSTRAINT "webhook_deliveries_attempts_non_negative" CHECK ("webhook_deliveries"."attempts" >= 0 AND "webhook_deliveries"."schedule_step" >= 0),
	CONSTRAINT "webhook_deliveries_settled_not_enqueued" CHECK ("webhook_deliveries"."state" = 'pending' OR "webhook_deliveries"."enqueued_at" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"latency_ms" integer NOT NULL,
	"status_code" integer,
	"error" text,
	CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY("delivery_id","attempt"),
	CONSTRAINT "webhook_attempts_attempt_positive" CHECK ("webhook_attempts"."attempt" > 0),
	CONSTRAINT "webhook_attempts_latency_non_negative" CHECK ("webhook_attempts"."latency_ms" >= 0),
	CONSTRAINT "webhook_attempts_outcome" CHECK ("webhook_attempts"."status_code" IS NOT NULL OR "webhook_attempts"."error" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_message_id_webhook_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."webhook_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("endpoint_id","next_attempt_at") WHERE "webhook_deliveries"."state" = 'pending' AND "webhook_deliveries"."enqueued_at" IS NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_in_flight_idx" ON "webhook_deliveries" USING btree ("endpoint_id","enqueued_at") WHERE "webhook_deliveries"."state" = 'pending' AND "webhook_deliveries"."enqueued_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_dead_idx" ON "webhook_deliveries" USING btree ("endpoint_id") WHERE "webhook_deliveries"."state" = 'dead';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_messages_reservation_idx" ON "webhook_messages" USING btree ("reservation_id") WHERE "webhook_messages"."reservation_id" IS NOT NULL;
