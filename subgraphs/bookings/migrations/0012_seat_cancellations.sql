CREATE TABLE "bookings"."seat_cancellations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"seat_ids" text[] NOT NULL,
	"refund_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"cancelled_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "seat_cancellations_booking_idx" ON "bookings"."seat_cancellations" USING btree ("booking_id","created_at");