-- The second line of defence against double booking: whatever the code does,
-- two active holds of one seat on overlapping legs cannot both exist. A
-- screening is the single leg [0, 1), so this also covers cinema seats.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings"."hold_seats"
  ADD CONSTRAINT "hold_seats_no_overlap"
  EXCLUDE USING gist ("show_id" WITH =, "seat_id" WITH =, "legs" WITH &&) WHERE ("active");
--> statement-breakpoint
ALTER TABLE "bookings"."hold_seats"
  ADD CONSTRAINT "hold_seats_legs_valid" CHECK (NOT isempty("legs") AND lower("legs") >= 0);
--> statement-breakpoint
ALTER TABLE "bookings"."bookings"
  ADD CONSTRAINT "bookings_status_valid" CHECK ("status" IN ('PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED'));
--> statement-breakpoint
ALTER TABLE "bookings"."holds"
  ADD CONSTRAINT "holds_status_valid" CHECK ("status" IN ('ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED'));
