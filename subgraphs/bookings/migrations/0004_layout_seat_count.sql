ALTER TABLE "bookings"."layouts" ADD COLUMN "seat_count" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Layouts written before the column existed: counted once here.
UPDATE "bookings"."layouts" l SET "seat_count" = (SELECT count(*) FROM "bookings"."layout_seats" ls WHERE ls."layout_id" = l."layout_id");
