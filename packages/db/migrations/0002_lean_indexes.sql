-- Fewer index writes per request: the history's key is (reservation, version), without a surrogate id;
-- the idempotency key's uniqueness is indexed only for requests that carry one.
ALTER TABLE "reservation_history" DROP CONSTRAINT "reservation_history_version_unique";--> statement-breakpoint
ALTER TABLE "reservation_history" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "reservation_history" ADD CONSTRAINT "reservation_history_pkey" PRIMARY KEY("reservation_id","version");--> statement-breakpoint
ALTER TABLE "reservations" DROP CONSTRAINT "reservations_customer_idempotency_key_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_customer_idempotency_key_unique" ON "reservations" USING btree ("customer_id","idempotency_key") WHERE "reservations"."idempotency_key" IS NOT NULL;
