CREATE TABLE "conversation_turns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"thread" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_files" (
	"team_id" text NOT NULL,
	"file_id" text NOT NULL,
	"document_id" uuid NOT NULL,
	"channel_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slack_files_team_id_file_id_pk" PRIMARY KEY("team_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "slack_installations" (
	"install_key" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"bot_token" text,
	"bot_user_id" text,
	"bot_id" text,
	"installation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slack_files" ADD CONSTRAINT "slack_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_turns_thread_idx" ON "conversation_turns" USING btree ("workspace","channel","thread","created_at");--> statement-breakpoint
CREATE INDEX "slack_files_document_idx" ON "slack_files" USING btree ("document_id");