-- A reservation's webhook message takes an id derived from what it announces, so that the primary
-- key alone refuses a change announced twice (the unique index that did it is one index less to
-- write in every decision's transaction). The id is sent as `webhook-id`.
CREATE FUNCTION webhook_message_id(reservation uuid, type text, sequence integer) RETURNS uuid
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN md5(reservation::text || '/' || type || '/' || sequence::text)::uuid;--> statement-breakpoint
DROP INDEX "webhook_messages_reservation_sequence_unique";--> statement-breakpoint
-- NOT VALID: messages recorded before keep their random ids (each announced a change once; a
-- change is never announced again, its history row being unique).
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_reservation_id_derived" CHECK ("webhook_messages"."reservation_id" IS NULL OR "webhook_messages"."id" = webhook_message_id("webhook_messages"."reservation_id", "webhook_messages"."type", "webhook_messages"."sequence")) NOT VALID;
