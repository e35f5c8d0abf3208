CREATE SCHEMA "bookings";
--> statement-breakpoint
CREATE TABLE "bookings"."bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hold_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"from_stop" integer,
	"to_stop" integer,
	"status" text NOT NULL,
	"total_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_hold_id_unique" UNIQUE("hold_id")
);
--> statement-breakpoint
CREATE TABLE "bookings"."checkouts" (
	"user_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"booking_id" uuid,
	"outcome" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkouts_user_id_idempotency_key_pk" PRIMARY KEY("user_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "bookings"."hold_seats" (
	"hold_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"seat_id" text NOT NULL,
	"legs" "int4range" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "hold_seats_hold_id_seat_id_pk" PRIMARY KEY("hold_id","seat_id")
);
--> statement-breakpoint
CREATE TABLE "bookings"."holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"show_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from_stop" integer,
	"to_stop" integer,
	"status" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings"."layout_seats" (
	"layout_id" uuid NOT NULL,
	"seat_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"label" text NOT NULL,
	"row" text NOT NULL,
	"number" integer NOT NULL,
	"category" text NOT NULL,
	"x" integer NOT NULL,
	"y" integer NOT NULL,
	CONSTRAINT "layout_seats_layout_id_seat_id_pk" PRIMARY KEY("layout_id","seat_id")
);
--> statement-breakpoint
CREATE TABLE "bookings"."layouts" (
	"layout_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings"."outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "bookings"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "bookings"."show_prices" (
	"show_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "show_prices_show_id_category_pk" PRIMARY KEY("show_id","category")
);
--> statement-breakpoint
CREATE TABLE "bookings"."shows" (
	"show_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"layout_id" uuid NOT NULL,
	"leg_count" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "bookings_user_created_idx" ON "bookings"."bookings" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "hold_seats_show_active_idx" ON "bookings"."hold_seats" USING btree ("show_id") WHERE active;--> statement-breakpoint
CREATE INDEX "holds_due_idx" ON "bookings"."holds" USING btree ("expires_at") WHERE status = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "holds_user_show_idx" ON "bookings"."holds" USING btree ("user_id","show_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "bookings"."outbox" USING btree ("seq") WHERE published_at is null;