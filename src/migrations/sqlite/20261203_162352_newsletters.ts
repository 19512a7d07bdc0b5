import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`newsletters\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`description\` text,
  	\`cadence\` text DEFAULT 'manual' NOT NULL,
  	\`weekday\` text DEFAULT 'thursday' NOT NULL,
  	\`send_time\` text DEFAULT '08:00' NOT NULL,
  	\`default_for_new_readers\` integer DEFAULT false,
  	\`public\` integer DEFAULT true,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`newsletters_slug_idx\` ON \`newsletters\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`newsletters_updated_at_idx\` ON \`newsletters\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`newsletters_created_at_idx\` ON \`newsletters\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`subscribers_newsletter_consents\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`newsletter_id\` integer,
  	\`given_at\` text,
  	\`source\` text,
  	\`wording\` text,
  	\`wording_version\` text,
  	FOREIGN KEY (\`newsletter_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`subscribers_newsletter_consents_order_idx\` ON \`subscribers_newsletter_consents\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`subscribers_newsletter_consents_parent_id_idx\` ON \`subscribers_newsletter_consents\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`subscribers_newsletter_consents_newsletter_idx\` ON \`subscribers_newsletter_consents\` (\`newsletter_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`editions\` ADD \`newsletter_id\` integer REFERENCES newsletters(id);`)
  await db.run(sql`CREATE INDEX \`editions_newsletter_idx\` ON \`editions\` (\`newsletter_id\`);`)
  await db.run(sql`ALTER TABLE \`editions_rels\` ADD \`categories_id\` integer REFERENCES categories(id);`)
  await db.run(sql`CREATE INDEX \`editions_rels_categories_id_idx\` ON \`editions_rels\` (\`categories_id\`);`)
  await db.run(sql`ALTER TABLE \`subscribers_rels\` ADD \`newsletters_id\` integer REFERENCES newsletters(id);`)
  await db.run(sql`CREATE INDEX \`subscribers_rels_newsletters_id_idx\` ON \`subscribers_rels\` (\`newsletters_id\`);`)
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`newsletters_id\` integer REFERENCES newsletters(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_newsletters_id_idx\` ON \`payload_locked_documents_rels\` (\`newsletters_id\`);`,
  )
  // Data: "Mindful Moments" becomes the first newsletter, with the schedule Settings held, and
  // every reader (their consent copied as its consent) and every edition is in it, so nothing
  // changes for anyone. A sign-up still waiting for confirmation keeps the reader's newsletters.
  // (Values written out, not imported: a migration stays as it ran.)
  // A cadence of 7 days is weekly, 28 or more monthly, anything else every two weeks.
  await db.run(sql`INSERT INTO \`newsletters\` (\`name\`, \`slug\`, \`description\`, \`cadence\`, \`weekday\`, \`send_time\`, \`default_for_new_readers\`, \`public\`)
    VALUES ('Mindful Moments', 'mindful-moments', 'Our bi-weekly digest: the newest stories on mindful dating and relationships.',
      COALESCE((SELECT CASE WHEN \`cadence_days\` = 7 THEN 'weekly' WHEN \`cadence_days\` >= 28 THEN 'monthly' ELSE 'biweekly' END FROM \`settings\` LIMIT 1), 'biweekly'),
      COALESCE((SELECT \`weekday\` FROM \`settings\` LIMIT 1), 'thursday'),
      COALESCE((SELECT \`send_time\` FROM \`settings\` LIMIT 1), '08:00'),
      true, true);`)
  const mindfulMoments = sql`(SELECT \`id\` FROM \`newsletters\` WHERE \`slug\` = 'mindful-moments')`
  await db.run(sql`INSERT INTO \`subscribers_rels\` (\`order\`, \`parent_id\`, \`path\`, \`newsletters_id\`)
    SELECT 1, \`id\`, 'newsletters', ${mindfulMoments} FROM \`subscribers\`;`)
  await db.run(sql`INSERT INTO \`subscribers_newsletter_consents\` (\`_order\`, \`_parent_id\`, \`id\`, \`newsletter_id\`, \`given_at\`, \`source\`, \`wording\`, \`wording_version\`)
    SELECT 1, \`id\`, lower(hex(randomblob(12))), ${mindfulMoments}, \`consent_given_at\`, \`consent_source\`, \`consent_wording\`, \`consent_wording_version\`
    FROM \`subscribers\` WHERE \`consent_given_at\` IS NOT NULL;`)
  await db.run(sql`UPDATE \`editions\` SET \`newsletter_id\` = ${mindfulMoments};`)
  // Period keys are per newsletter now ("mindful-moments/2026-11-26"), so the current period is not assembled twice.
  await db.run(
    sql`UPDATE \`editions\` SET \`period_key\` = 'mindful-moments/' || \`period_key\` WHERE \`period_key\` IS NOT NULL;`,
  )
  await db.run(sql`ALTER TABLE \`settings\` DROP COLUMN \`cadence_days\`;`)
  await db.run(sql`ALTER TABLE \`settings\` DROP COLUMN \`weekday\`;`)
  await db.run(sql`ALTER TABLE \`settings\` DROP COLUMN \`send_time\`;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`newsletters\`;`)
  await db.run(sql`DROP TABLE \`subscribers_newsletter_consents\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_editions\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`number\` numeric NOT NULL,
  	\`period_key\` text,
  	\`subject\` text NOT NULL,
  	\`preheader\` text,
  	\`intro\` text,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`scheduled_for\` text,
  	\`override_sender_checks\` integer DEFAULT false,
  	\`sender_checks_overridden_by\` text,
  	\`sender_checks_overridden_at\` text,
  	\`send_error\` text,
  	\`brake_paused_at\` text,
  	\`brake_complaints_forgiven\` numeric,
  	\`brake_bounces_forgiven\` numeric,
  	\`brake_decision\` text,
  	\`brake_decided_by\` text,
  	\`brake_decided_at\` text,
  	\`snapshot_subject\` text,
  	\`snapshot_html\` text,
  	\`snapshot_text\` text,
  	\`snapshot_rendered_at\` text,
  	\`snapshot_render_ms\` numeric,
  	\`snapshot_stories\` text,
  	\`snapshot_placeholder_key\` text,
  	\`stats_recipients\` numeric,
  	\`stats_sent\` numeric,
  	\`stats_failed\` numeric,
  	\`stats_skipped\` numeric,
  	\`stats_started_at\` text,
  	\`stats_finished_at\` text,
  	\`stats_duration_seconds\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_editions\`("id", "number", "period_key", "subject", "preheader", "intro", "status", "scheduled_for", "override_sender_checks", "sender_checks_overridden_by", "sender_checks_overridden_at", "send_error", "brake_paused_at", "brake_complaints_forgiven", "brake_bounces_forgiven", "brake_decision", "brake_decided_by", "brake_decided_at", "snapshot_subject", "snapshot_html", "snapshot_text", "snapshot_rendered_at", "snapshot_render_ms", "snapshot_stories", "snapshot_placeholder_key", "stats_recipients", "stats_sent", "stats_failed", "stats_skipped", "stats_started_at", "stats_finished_at", "stats_duration_seconds", "updated_at", "created_at") SELECT "id", "number", "period_key", "subject", "preheader", "intro", "status", "scheduled_for", "override_sender_checks", "sender_checks_overridden_by", "sender_checks_overridden_at", "send_error", "brake_paused_at", "brake_complaints_forgiven", "brake_bounces_forgiven", "brake_decision", "brake_decided_by", "brake_decided_at", "snapshot_subject", "snapshot_html", "snapshot_text", "snapshot_rendered_at", "snapshot_render_ms", "snapshot_stories", "snapshot_placeholder_key", "stats_recipients", "stats_sent", "stats_failed", "stats_skipped", "stats_started_at", "stats_finished_at", "stats_duration_seconds", "updated_at", "created_at" FROM \`editions\`;`,
  )
  await db.run(sql`DROP TABLE \`editions\`;`)
  await db.run(sql`ALTER TABLE \`__new_editions\` RENAME TO \`editions\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_number_idx\` ON \`editions\` (\`number\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_period_key_idx\` ON \`editions\` (\`period_key\`);`)
  await db.run(sql`CREATE INDEX \`editions_status_idx\` ON \`editions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`editions_scheduled_for_idx\` ON \`editions\` (\`scheduled_for\`);`)
  await db.run(sql`CREATE INDEX \`editions_updated_at_idx\` ON \`editions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`editions_created_at_idx\` ON \`editions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_editions_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_editions_rels\`("id", "order", "parent_id", "path", "articles_id") SELECT "id", "order", "parent_id", "path", "articles_id" FROM \`editions_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`editions_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_editions_rels\` RENAME TO \`editions_rels\`;`)
  await db.run(sql`CREATE INDEX \`editions_rels_order_idx\` ON \`editions_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`editions_rels_parent_idx\` ON \`editions_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`editions_rels_path_idx\` ON \`editions_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`editions_rels_articles_id_idx\` ON \`editions_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_subscribers_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`categories_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`categories_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_subscribers_rels\`("id", "order", "parent_id", "path", "categories_id") SELECT "id", "order", "parent_id", "path", "categories_id" FROM \`subscribers_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`subscribers_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_subscribers_rels\` RENAME TO \`subscribers_rels\`;`)
  await db.run(sql`CREATE INDEX \`subscribers_rels_order_idx\` ON \`subscribers_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_rels_parent_idx\` ON \`subscribers_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_rels_path_idx\` ON \`subscribers_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_rels_categories_id_idx\` ON \`subscribers_rels\` (\`categories_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	\`authors_id\` integer,
  	\`categories_id\` integer,
  	\`media_id\` integer,
  	\`submissions_id\` integer,
  	\`editions_id\` integer,
  	\`edition_variants_id\` integer,
  	\`subscribers_id\` integer,
  	\`subscriber_imports_id\` integer,
  	\`deliveries_id\` integer,
  	\`email_events_id\` integer,
  	\`suppressions_id\` integer,
  	\`mail_outbox_id\` integer,
  	\`insight_counts_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`authors_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`categories_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`submissions_id\`) REFERENCES \`submissions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`editions_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`edition_variants_id\`) REFERENCES \`edition_variants\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscribers_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscriber_imports_id\`) REFERENCES \`subscriber_imports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`deliveries_id\`) REFERENCES \`deliveries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`email_events_id\`) REFERENCES \`email_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`suppressions_id\`) REFERENCES \`suppressions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`mail_outbox_id\`) REFERENCES \`mail_outbox\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`insight_counts_id\`) REFERENCES \`insight_counts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "authors_id", "categories_id", "media_id", "submissions_id", "editions_id", "edition_variants_id", "subscribers_id", "subscriber_imports_id", "deliveries_id", "email_events_id", "suppressions_id", "mail_outbox_id", "insight_counts_id", "users_id") SELECT "id", "order", "parent_id", "path", "articles_id", "authors_id", "categories_id", "media_id", "submissions_id", "editions_id", "edition_variants_id", "subscribers_id", "subscriber_imports_id", "deliveries_id", "email_events_id", "suppressions_id", "mail_outbox_id", "insight_counts_id", "users_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_authors_id_idx\` ON \`payload_locked_documents_rels\` (\`authors_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_categories_id_idx\` ON \`payload_locked_documents_rels\` (\`categories_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_submissions_id_idx\` ON \`payload_locked_documents_rels\` (\`submissions_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_editions_id_idx\` ON \`payload_locked_documents_rels\` (\`editions_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_edition_variants_id_idx\` ON \`payload_locked_documents_rels\` (\`edition_variants_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_subscribers_id_idx\` ON \`payload_locked_documents_rels\` (\`subscribers_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_subscriber_imports_id_idx\` ON \`payload_locked_documents_rels\` (\`subscriber_imports_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_deliveries_id_idx\` ON \`payload_locked_documents_rels\` (\`deliveries_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_email_events_id_idx\` ON \`payload_locked_documents_rels\` (\`email_events_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_suppressions_id_idx\` ON \`payload_locked_documents_rels\` (\`suppressions_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_mail_outbox_id_idx\` ON \`payload_locked_documents_rels\` (\`mail_outbox_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_insight_counts_id_idx\` ON \`payload_locked_documents_rels\` (\`insight_counts_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`settings\` ADD \`cadence_days\` numeric DEFAULT 14 NOT NULL;`)
  await db.run(sql`ALTER TABLE \`settings\` ADD \`weekday\` text DEFAULT 'thursday' NOT NULL;`)
  await db.run(sql`ALTER TABLE \`settings\` ADD \`send_time\` text DEFAULT '08:00' NOT NULL;`)
}
