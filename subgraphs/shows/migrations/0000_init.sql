CREATE SCHEMA "shows";
--> statement-breakpoint
CREATE TABLE "shows"."movies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"source_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shows"."outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "shows"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "shows"."screens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"venue_id" uuid NOT NULL,
	"name" text NOT NULL,
	"categories" text[] NOT NULL,
	"source_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shows"."show_prices" (
	"show_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount" integer NOT NULL,
	CONSTRAINT "show_prices_show_id_category_pk" PRIMARY KEY("show_id","category"),
	CONSTRAINT "show_prices_amount" CHECK (amount between 0 and 1000000)
);
--> statement-breakpoint
CREATE TABLE "shows"."show_stops" (
	"show_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"station_id" uuid NOT NULL,
	"arrives_at" timestamp with time zone,
	"departs_at" timestamp with time zone,
	CONSTRAINT "show_stops_show_id_index_pk" PRIMARY KEY("show_id","index")
);
--> statement-breakpoint
CREATE TABLE "shows"."shows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"movie_id" uuid,
	"screen_id" uuid,
	"train_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shows_kind_refs" CHECK ((kind = 'SCREENING' and movie_id is not null and screen_id is not null and train_id is null)
        or (kind = 'TRIP' and train_id is not null and movie_id is null and screen_id is null)),
	CONSTRAINT "shows_status" CHECK (status in ('SCHEDULED', 'CANCELLED')),
	CONSTRAINT "shows_ends_after_start" CHECK (ends_at > starts_at),
	CONSTRAINT "shows_currency" CHECK (currency ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "shows"."trains" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"route" jsonb NOT NULL,
	"travel_classes" text[] NOT NULL,
	"source_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shows"."show_prices" ADD CONSTRAINT "show_prices_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "shows"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows"."show_stops" ADD CONSTRAINT "show_stops_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "shows"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows"."shows" ADD CONSTRAINT "shows_movie_id_movies_id_fk" FOREIGN KEY ("movie_id") REFERENCES "shows"."movies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows"."shows" ADD CONSTRAINT "shows_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "shows"."screens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows"."shows" ADD CONSTRAINT "shows_train_id_trains_id_fk" FOREIGN KEY ("train_id") REFERENCES "shows"."trains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "shows"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "shows_movie_idx" ON "shows"."shows" USING btree ("movie_id","starts_at");--> statement-breakpoint
CREATE INDEX "shows_train_idx" ON "shows"."shows" USING btree ("train_id","starts_at");--> statement-breakpoint
CREATE INDEX "shows_screen_idx" ON "shows"."shows" USING btree ("screen_id","starts_at");