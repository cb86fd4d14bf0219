-- A request the database refuses to decide is set aside as rejected (internal_error) so its partition moves on;
-- the deployment's PARTITION_COUNT is recorded by the first process to start, and a process that disagrees refuses to.
ALTER TYPE "public"."rejection_reason" ADD VALUE 'internal_error';--> statement-breakpoint
CREATE TABLE "deployment" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"partition_count" smallint NOT NULL,
	CONSTRAINT "deployment_single_row" CHECK ("deployment"."singleton"),
	CONSTRAINT "deployment_partition_count_positive" CHECK ("deployment"."partition_count" > 0)
);
