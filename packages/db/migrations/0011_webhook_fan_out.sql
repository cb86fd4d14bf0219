DROP INDEX "webhook_messages_reservation_idx";--> statement-breakpoint
ALTER TABLE "webhook_messages" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD COLUMN "fanned_out_at" timestamp with time zone;--> statement-breakpoint
-- Written before this migration, a message got its deliveries with it: already fanned out.
UPDATE "webhook_messages" SET "fanned_out_at" = "created_at";--> statement-breakpoint
CREATE INDEX "webhook_messages_not_fanned_out_idx" ON "webhook_messages" USING btree ("created_at") WHERE "webhook_messages"."fanned_out_at" IS NULL;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_data" CHECK ("webhook_messages"."data" IS NOT NULL OR "webhook_messages"."type" LIKE 'reservation.%');