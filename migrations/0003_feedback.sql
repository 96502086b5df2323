ALTER TABLE "queries" ADD COLUMN "sources" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN "feedback_by" text;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN "feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN "feedback_reason" text;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN "feedback_note" text;--> statement-breakpoint
CREATE INDEX "queries_feedback_idx" ON "queries" USING btree ("feedback","feedback_at");