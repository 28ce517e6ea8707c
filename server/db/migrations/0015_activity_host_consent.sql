-- hosts recorded before consent was asked for were named by someone entitled for every host: the default accepts them
ALTER TABLE "activities" ADD COLUMN "also_counts" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_hosts" ADD COLUMN "accepted_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "activity_hosts" ADD COLUMN "accepted_by" text;