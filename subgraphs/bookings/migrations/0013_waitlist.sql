CREATE TABLE "bookings"."waitlist_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"show_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from_stop" integer,
	"to_stop" integer,
	"seat_count" integer NOT NULL,
	"status" text NOT NULL,
	"hold_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "waitlist_waiting_idx" ON "bookings"."waitlist_entries" USING btree ("show_id","created_at","id") WHERE status = 'WAITING';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_user_show_idx" ON "bookings"."waitlist_entries" USING btree ("user_id","show_id") WHERE status in ('WAITING', 'OFFERED');--> statement-breakpoint
CREATE INDEX "waitlist_hold_idx" ON "bookings"."waitlist_entries" USING btree ("hold_id");--> statement-breakpoint
CREATE INDEX "waitlist_user_idx" ON "bookings"."waitlist_entries" USING btree ("user_id","created_at");