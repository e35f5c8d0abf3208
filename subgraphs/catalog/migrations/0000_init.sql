CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE TABLE "catalog"."coaches" (
	"train_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"travel_class" text NOT NULL,
	"rows" integer NOT NULL,
	CONSTRAINT "coaches_train_id_number_pk" PRIMARY KEY("train_id","number"),
	CONSTRAINT "coaches_travel_class" CHECK (travel_class in ('FIRST', 'SECOND')),
	CONSTRAINT "coaches_rows_range" CHECK ("rows" between 1 and 30)
);
--> statement-breakpoint
CREATE TABLE "catalog"."layout_seats" (
	"screen_id" uuid NOT NULL,
	"seat_id" text NOT NULL,
	"label" text NOT NULL,
	"row" text NOT NULL,
	"number" integer NOT NULL,
	"category" text NOT NULL,
	"x" integer NOT NULL,
	"y" integer NOT NULL,
	CONSTRAINT "layout_seats_screen_id_seat_id_pk" PRIMARY KEY("screen_id","seat_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."movies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"duration_minutes" integer NOT NULL,
	"genres" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_rating" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"poster_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "movies_duration_range" CHECK (duration_minutes between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "catalog"."outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."route_stops" (
	"train_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"station_id" uuid NOT NULL,
	"arrives_after_minutes" integer,
	"departs_after_minutes" integer,
	CONSTRAINT "route_stops_train_id_index_pk" PRIMARY KEY("train_id","index"),
	CONSTRAINT "route_stops_minutes_order" CHECK (arrives_after_minutes is null or departs_after_minutes is null or departs_after_minutes >= arrives_after_minutes)
);
--> statement-breakpoint
CREATE TABLE "catalog"."screens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"venue_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"seat_count" integer NOT NULL,
	"categories" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."stations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "stations_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "catalog"."trains" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trains_number_key" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "catalog"."venues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog"."coaches" ADD CONSTRAINT "coaches_train_id_trains_id_fk" FOREIGN KEY ("train_id") REFERENCES "catalog"."trains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."layout_seats" ADD CONSTRAINT "layout_seats_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "catalog"."screens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."route_stops" ADD CONSTRAINT "route_stops_train_id_trains_id_fk" FOREIGN KEY ("train_id") REFERENCES "catalog"."trains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."route_stops" ADD CONSTRAINT "route_stops_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "catalog"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."screens" ADD CONSTRAINT "screens_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "catalog"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "movies_title_id_idx" ON "catalog"."movies" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "catalog"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "screens_venue_name_key" ON "catalog"."screens" USING btree ("venue_id","name");--> statement-breakpoint
CREATE INDEX "screens_venue_idx" ON "catalog"."screens" USING btree ("venue_id","position");--> statement-breakpoint
CREATE INDEX "trains_number_id_idx" ON "catalog"."trains" USING btree ("number","id");--> statement-breakpoint
CREATE INDEX "venues_name_id_idx" ON "catalog"."venues" USING btree ("name","id");