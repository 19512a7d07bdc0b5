import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`category_id\` integer,
  	\`dek\` text,
  	\`hero_image_id\` integer,
  	\`body\` text,
  	\`excerpt\` text,
  	\`reading_time\` numeric,
  	\`published_at\` text,
  	\`submission_id\` integer,
  	\`include_in_digest\` integer DEFAULT true,
  	\`meta_title\` text,
  	\`meta_description\` text,
  	\`meta_image_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`category_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`submission_id\`) REFERENCES \`submissions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`meta_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_articles\`("id", "title", "slug", "category_id", "dek", "hero_image_id", "body", "excerpt", "reading_time", "published_at", "submission_id", "include_in_digest", "meta_title", "meta_description", "meta_image_id", "updated_at", "created_at", "_status") SELECT "id", "title", "slug", "category_id", "dek", "hero_image_id", "body", "excerpt", "reading_time", "published_at", "submission_id", "include_in_digest", "meta_title", "meta_description", "meta_image_id", "updated_at", "created_at", "_status" FROM \`articles\`;`,
  )
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_category_idx\` ON \`articles\` (\`category_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_idx\` ON \`articles\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_submission_idx\` ON \`articles\` (\`submission_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_meta_meta_image_idx\` ON \`articles\` (\`meta_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_category_id\` integer,
  	\`version_dek\` text,
  	\`version_hero_image_id\` integer,
  	\`version_body\` text,
  	\`version_excerpt\` text,
  	\`version_reading_time\` numeric,
  	\`version_published_at\` text,
  	\`version_submission_id\` integer,
  	\`version_include_in_digest\` integer DEFAULT true,
  	\`version_meta_title\` text,
  	\`version_meta_description\` text,
  	\`version_meta_image_id\` integer,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_category_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_submission_id\`) REFERENCES \`submissions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_meta_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_slug", "version_category_id", "version_dek", "version_hero_image_id", "version_body", "version_excerpt", "version_reading_time", "version_published_at", "version_submission_id", "version_include_in_digest", "version_meta_title", "version_meta_description", "version_meta_image_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_title", "version_slug", "version_category_id", "version_dek", "version_hero_image_id", "version_body", "version_excerpt", "version_reading_time", "version_published_at", "version_submission_id", "version_include_in_digest", "version_meta_title", "version_meta_description", "version_meta_image_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_articles_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_category_idx\` ON \`_articles_v\` (\`version_category_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_published_at_idx\` ON \`_articles_v\` (\`version_published_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_submission_idx\` ON \`_articles_v\` (\`version_submission_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_meta_version_meta_image_idx\` ON \`_articles_v\` (\`version_meta_image_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_autosave_idx\` ON \`_articles_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`__new_authors\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`role_line\` text,
  	\`bio\` text,
  	\`avatar_id\` integer,
  	\`is_guest\` integer DEFAULT false,
  	\`contact_email\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`avatar_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_authors\`("id", "name", "slug", "role_line", "bio", "avatar_id", "is_guest", "contact_email", "updated_at", "created_at") SELECT "id", "name", "slug", "role_line", "bio", "avatar_id", "is_guest", "contact_email", "updated_at", "created_at" FROM \`authors\`;`,
  )
  await db.run(sql`DROP TABLE \`authors\`;`)
  await db.run(sql`ALTER TABLE \`__new_authors\` RENAME TO \`authors\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`authors_slug_idx\` ON \`authors\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`authors_avatar_idx\` ON \`authors\` (\`avatar_id\`);`)
  await db.run(sql`CREATE INDEX \`authors_contact_email_idx\` ON \`authors\` (\`contact_email\`);`)
  await db.run(sql`CREATE INDEX \`authors_updated_at_idx\` ON \`authors\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`authors_created_at_idx\` ON \`authors\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_categories\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_categories\`("id", "name", "slug", "description", "updated_at", "created_at") SELECT "id", "name", "slug", "description", "updated_at", "created_at" FROM \`categories\`;`,
  )
  await db.run(sql`DROP TABLE \`categories\`;`)
  await db.run(sql`ALTER TABLE \`__new_categories\` RENAME TO \`categories\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`categories_slug_idx\` ON \`categories\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`categories_updated_at_idx\` ON \`categories\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`categories_created_at_idx\` ON \`categories\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_media\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`alt\` text NOT NULL,
  	\`credit\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_card_url\` text,
  	\`sizes_card_width\` numeric,
  	\`sizes_card_height\` numeric,
  	\`sizes_card_mime_type\` text,
  	\`sizes_card_filesize\` numeric,
  	\`sizes_card_filename\` text,
  	\`sizes_hero_url\` text,
  	\`sizes_hero_width\` numeric,
  	\`sizes_hero_height\` numeric,
  	\`sizes_hero_mime_type\` text,
  	\`sizes_hero_filesize\` numeric,
  	\`sizes_hero_filename\` text,
  	\`sizes_social_url\` text,
  	\`sizes_social_width\` numeric,
  	\`sizes_social_height\` numeric,
  	\`sizes_social_mime_type\` text,
  	\`sizes_social_filesize\` numeric,
  	\`sizes_social_filename\` text,
  	\`sizes_portrait_url\` text,
  	\`sizes_portrait_width\` numeric,
  	\`sizes_portrait_height\` numeric,
  	\`sizes_portrait_mime_type\` text,
  	\`sizes_portrait_filesize\` numeric,
  	\`sizes_portrait_filename\` text
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_media\`("id", "alt", "credit", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_card_url", "sizes_card_width", "sizes_card_height", "sizes_card_mime_type", "sizes_card_filesize", "sizes_card_filename", "sizes_hero_url", "sizes_hero_width", "sizes_hero_height", "sizes_hero_mime_type", "sizes_hero_filesize", "sizes_hero_filename", "sizes_social_url", "sizes_social_width", "sizes_social_height", "sizes_social_mime_type", "sizes_social_filesize", "sizes_social_filename", "sizes_portrait_url", "sizes_portrait_width", "sizes_portrait_height", "sizes_portrait_mime_type", "sizes_portrait_filesize", "sizes_portrait_filename") SELECT "id", "alt", "credit", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_card_url", "sizes_card_width", "sizes_card_height", "sizes_card_mime_type", "sizes_card_filesize", "sizes_card_filename", "sizes_hero_url", "sizes_hero_width", "sizes_hero_height", "sizes_hero_mime_type", "sizes_hero_filesize", "sizes_hero_filename", "sizes_social_url", "sizes_social_width", "sizes_social_height", "sizes_social_mime_type", "sizes_social_filesize", "sizes_social_filename", "sizes_portrait_url", "sizes_portrait_width", "sizes_portrait_height", "sizes_portrait_mime_type", "sizes_portrait_filesize", "sizes_portrait_filename" FROM \`media\`;`,
  )
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`ALTER TABLE \`__new_media\` RENAME TO \`media\`;`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_card_sizes_card_filename_idx\` ON \`media\` (\`sizes_card_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_hero_sizes_hero_filename_idx\` ON \`media\` (\`sizes_hero_filename\`);`)
  await db.run(
    sql`CREATE INDEX \`media_sizes_social_sizes_social_filename_idx\` ON \`media\` (\`sizes_social_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_portrait_sizes_portrait_filename_idx\` ON \`media\` (\`sizes_portrait_filename\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new_submissions\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`reference\` text,
  	\`status\` text DEFAULT 'received' NOT NULL,
  	\`queue_order\` numeric,
  	\`reviewer_id\` integer,
  	\`category_id\` integer,
  	\`contributor_name\` text NOT NULL,
  	\`contributor_email\` text NOT NULL,
  	\`contributor_role_line\` text,
  	\`contributor_bio\` text,
  	\`title\` text NOT NULL,
  	\`pitch\` text NOT NULL,
  	\`body\` text,
  	\`editor_notes\` text,
  	\`article_id\` integer,
  	\`author_id\` integer,
  	\`link_key\` text,
  	\`terms_accepted_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`reviewer_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`category_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_submissions\`("id", "reference", "status", "queue_order", "reviewer_id", "category_id", "contributor_name", "contributor_email", "contributor_role_line", "contributor_bio", "title", "pitch", "body", "editor_notes", "article_id", "author_id", "terms_accepted_at", "updated_at", "created_at") SELECT "id", "reference", "status", "queue_order", "reviewer_id", "category_id", "contributor_name", "contributor_email", "contributor_role_line", "contributor_bio", "title", "pitch", "body", "editor_notes", "article_id", "author_id", "terms_accepted_at", "updated_at", "created_at" FROM \`submissions\`;`,
  )
  await db.run(sql`DROP TABLE \`submissions\`;`)
  await db.run(sql`ALTER TABLE \`__new_submissions\` RENAME TO \`submissions\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`submissions_reference_idx\` ON \`submissions\` (\`reference\`);`)
  await db.run(sql`CREATE INDEX \`submissions_status_idx\` ON \`submissions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`submissions_queue_order_idx\` ON \`submissions\` (\`queue_order\`);`)
  await db.run(sql`CREATE INDEX \`submissions_reviewer_idx\` ON \`submissions\` (\`reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`submissions_category_idx\` ON \`submissions\` (\`category_id\`);`)
  await db.run(
    sql`CREATE INDEX \`submissions_contributor_contributor_email_idx\` ON \`submissions\` (\`contributor_email\`);`,
  )
  await db.run(sql`CREATE INDEX \`submissions_article_idx\` ON \`submissions\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`submissions_author_idx\` ON \`submissions\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`submissions_updated_at_idx\` ON \`submissions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`submissions_created_at_idx\` ON \`submissions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_editions\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`number\` numeric NOT NULL,
  	\`period_key\` text,
  	\`subject\` text NOT NULL,
  	\`preheader\` text,
  	\`intro\` text,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`scheduled_for\` text,
  	\`send_error\` text,
  	\`snapshot_subject\` text,
  	\`snapshot_html\` text,
  	\`snapshot_text\` text,
  	\`snapshot_rendered_at\` text,
  	\`snapshot_render_ms\` numeric,
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
    sql`INSERT INTO \`__new_editions\`("id", "number", "period_key", "subject", "preheader", "intro", "status", "scheduled_for", "send_error", "snapshot_subject", "snapshot_html", "snapshot_text", "snapshot_rendered_at", "snapshot_render_ms", "stats_recipients", "stats_sent", "stats_failed", "stats_skipped", "stats_started_at", "stats_finished_at", "stats_duration_seconds", "updated_at", "created_at") SELECT "id", "number", "period_key", "subject", "preheader", "intro", "status", "scheduled_for", "send_error", "snapshot_subject", "snapshot_html", "snapshot_text", "snapshot_rendered_at", "snapshot_render_ms", "stats_recipients", "stats_sent", "stats_failed", "stats_skipped", "stats_started_at", "stats_finished_at", "stats_duration_seconds", "updated_at", "created_at" FROM \`editions\`;`,
  )
  await db.run(sql`DROP TABLE \`editions\`;`)
  await db.run(sql`ALTER TABLE \`__new_editions\` RENAME TO \`editions\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_number_idx\` ON \`editions\` (\`number\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_period_key_idx\` ON \`editions\` (\`period_key\`);`)
  await db.run(sql`CREATE INDEX \`editions_status_idx\` ON \`editions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`editions_scheduled_for_idx\` ON \`editions\` (\`scheduled_for\`);`)
  await db.run(sql`CREATE INDEX \`editions_updated_at_idx\` ON \`editions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`editions_created_at_idx\` ON \`editions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_subscribers\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`email\` text NOT NULL,
  	\`first_name\` text,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`consent_given_at\` text,
  	\`consent_source\` text,
  	\`consent_wording\` text,
  	\`consent_wording_version\` text,
  	\`confirmed_at\` text,
  	\`unsubscribed_at\` text,
  	\`address_change_email\` text,
  	\`address_change_requested_at\` text,
  	\`address_change_nonce\` text,
  	\`import_id\` text,
  	\`import_row\` numeric,
  	\`bounce_count\` numeric DEFAULT 0,
  	\`last_bounce_at\` text,
  	\`link_key\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_subscribers\`("id", "email", "first_name", "status", "consent_given_at", "consent_source", "consent_wording", "consent_wording_version", "confirmed_at", "unsubscribed_at", "address_change_email", "address_change_requested_at", "address_change_nonce", "import_id", "import_row", "bounce_count", "last_bounce_at", "updated_at", "created_at") SELECT "id", "email", "first_name", "status", "consent_given_at", "consent_source", "consent_wording", "consent_wording_version", "confirmed_at", "unsubscribed_at", "address_change_email", "address_change_requested_at", "address_change_nonce", "import_id", "import_row", "bounce_count", "last_bounce_at", "updated_at", "created_at" FROM \`subscribers\`;`,
  )
  await db.run(sql`DROP TABLE \`subscribers\`;`)
  await db.run(sql`ALTER TABLE \`__new_subscribers\` RENAME TO \`subscribers\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`subscribers_email_idx\` ON \`subscribers\` (\`email\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_status_idx\` ON \`subscribers\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_import_id_idx\` ON \`subscribers\` (\`import_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_updated_at_idx\` ON \`subscribers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_created_at_idx\` ON \`subscribers\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_subscriber_imports\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`stored_as\` text NOT NULL,
  	\`file_name\` text,
  	\`bytes\` numeric,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`processed\` numeric DEFAULT 0,
  	\`bytes_read\` numeric DEFAULT 0,
  	\`imported\` numeric DEFAULT 0,
  	\`already_subscribed\` numeric DEFAULT 0,
  	\`suppressed\` numeric DEFAULT 0,
  	\`rejected\` numeric DEFAULT 0,
  	\`rejected_bytes\` numeric DEFAULT 0,
  	\`error\` text,
  	\`started_at\` text,
  	\`finished_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_subscriber_imports\`("id", "stored_as", "file_name", "bytes", "status", "processed", "bytes_read", "imported", "already_subscribed", "suppressed", "rejected", "rejected_bytes", "error", "started_at", "finished_at", "updated_at", "created_at") SELECT "id", "stored_as", "file_name", "bytes", "status", "processed", "bytes_read", "imported", "already_subscribed", "suppressed", "rejected", "rejected_bytes", "error", "started_at", "finished_at", "updated_at", "created_at" FROM \`subscriber_imports\`;`,
  )
  await db.run(sql`DROP TABLE \`subscriber_imports\`;`)
  await db.run(sql`ALTER TABLE \`__new_subscriber_imports\` RENAME TO \`subscriber_imports\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`subscriber_imports_stored_as_idx\` ON \`subscriber_imports\` (\`stored_as\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_status_idx\` ON \`subscriber_imports\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_updated_at_idx\` ON \`subscriber_imports\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_created_at_idx\` ON \`subscriber_imports\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_deliveries\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`edition_id\` integer NOT NULL,
  	\`batch\` numeric NOT NULL,
  	\`size\` numeric NOT NULL,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`outcomes\` text,
  	\`sent\` numeric DEFAULT 0,
  	\`failed\` numeric DEFAULT 0,
  	\`skipped\` numeric DEFAULT 0,
  	\`lease_owner\` text,
  	\`lease_expires_at\` text,
  	\`finished_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_deliveries\`("id", "edition_id", "batch", "size", "status", "outcomes", "sent", "failed", "skipped", "lease_owner", "lease_expires_at", "finished_at", "updated_at", "created_at") SELECT "id", "edition_id", "batch", "size", "status", "outcomes", "sent", "failed", "skipped", "lease_owner", "lease_expires_at", "finished_at", "updated_at", "created_at" FROM \`deliveries\`;`,
  )
  await db.run(sql`DROP TABLE \`deliveries\`;`)
  await db.run(sql`ALTER TABLE \`__new_deliveries\` RENAME TO \`deliveries\`;`)
  await db.run(sql`CREATE INDEX \`deliveries_edition_idx\` ON \`deliveries\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_status_idx\` ON \`deliveries\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_updated_at_idx\` ON \`deliveries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_created_at_idx\` ON \`deliveries\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`edition_batch_idx\` ON \`deliveries\` (\`edition_id\`,\`batch\`);`)
  await db.run(sql`CREATE TABLE \`__new_email_events\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`provider\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`event_key\` text NOT NULL,
  	\`occurred_at\` text NOT NULL,
  	\`subscriber_id\` integer,
  	\`edition_id\` integer,
  	\`effect\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_email_events\`("id", "provider", "type", "event_key", "occurred_at", "subscriber_id", "edition_id", "effect", "updated_at", "created_at") SELECT "id", "provider", "type", "event_key", "occurred_at", "subscriber_id", "edition_id", "effect", "updated_at", "created_at" FROM \`email_events\`;`,
  )
  await db.run(sql`DROP TABLE \`email_events\`;`)
  await db.run(sql`ALTER TABLE \`__new_email_events\` RENAME TO \`email_events\`;`)
  await db.run(sql`CREATE INDEX \`email_events_provider_idx\` ON \`email_events\` (\`provider\`);`)
  await db.run(sql`CREATE INDEX \`email_events_type_idx\` ON \`email_events\` (\`type\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`email_events_event_key_idx\` ON \`email_events\` (\`event_key\`);`)
  await db.run(sql`CREATE INDEX \`email_events_occurred_at_idx\` ON \`email_events\` (\`occurred_at\`);`)
  await db.run(sql`CREATE INDEX \`email_events_subscriber_idx\` ON \`email_events\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE INDEX \`email_events_edition_idx\` ON \`email_events\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`email_events_updated_at_idx\` ON \`email_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`email_events_created_at_idx\` ON \`email_events\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_suppressions\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`email_hash\` text NOT NULL,
  	\`reason\` text DEFAULT 'erased' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_suppressions\`("id", "email_hash", "reason", "updated_at", "created_at") SELECT "id", "email_hash", "reason", "updated_at", "created_at" FROM \`suppressions\`;`,
  )
  await db.run(sql`DROP TABLE \`suppressions\`;`)
  await db.run(sql`ALTER TABLE \`__new_suppressions\` RENAME TO \`suppressions\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`suppressions_email_hash_idx\` ON \`suppressions\` (\`email_hash\`);`)
  await db.run(sql`CREATE INDEX \`suppressions_updated_at_idx\` ON \`suppressions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`suppressions_created_at_idx\` ON \`suppressions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_users\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`role\` text DEFAULT 'editor' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_users\`("id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until") SELECT "id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until" FROM \`users\`;`,
  )
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`ALTER TABLE \`__new_users\` RENAME TO \`users\`;`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_kv\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_kv\`("id", "key", "data") SELECT "id", "key", "data" FROM \`payload_kv\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_kv\` RENAME TO \`payload_kv\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_jobs\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_jobs\`("id", "input", "completed_at", "total_tried", "has_error", "error", "task_slug", "queue", "wait_until", "processing", "updated_at", "created_at") SELECT "id", "input", "completed_at", "total_tried", "has_error", "error", "task_slug", "queue", "wait_until", "processing", "updated_at", "created_at" FROM \`payload_jobs\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_jobs\` RENAME TO \`payload_jobs\`;`)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents\`("id", "global_slug", "updated_at", "created_at") SELECT "id", "global_slug", "updated_at", "created_at" FROM \`payload_locked_documents\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents\` RENAME TO \`payload_locked_documents\`;`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new_payload_preferences\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_preferences\`("id", "key", "value", "updated_at", "created_at") SELECT "id", "key", "value", "updated_at", "created_at" FROM \`payload_preferences\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_preferences\` RENAME TO \`payload_preferences\`;`)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_migrations\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_migrations\`("id", "name", "batch", "updated_at", "created_at") SELECT "id", "name", "batch", "updated_at", "created_at" FROM \`payload_migrations\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_migrations\` RENAME TO \`payload_migrations\`;`)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_settings\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`cadence_days\` numeric DEFAULT 14 NOT NULL,
  	\`weekday\` text DEFAULT 'thursday' NOT NULL,
  	\`send_time\` text DEFAULT '08:00' NOT NULL,
  	\`timezone\` text DEFAULT 'America/Denver' NOT NULL,
  	\`auto_send\` integer DEFAULT false,
  	\`archive_on_web\` integer DEFAULT true,
  	\`send_rate_per_second\` numeric DEFAULT 50 NOT NULL,
  	\`bounce_limit\` numeric DEFAULT 3 NOT NULL,
  	\`sender_name\` text DEFAULT 'Mindful Moments' NOT NULL,
  	\`sender_address\` text,
  	\`postal_address\` text DEFAULT 'Mindful Press · 123 Example Street · Boulder, CO 80302 · USA' NOT NULL,
  	\`signup_headline\` text DEFAULT 'Join our Mindful Movement!',
  	\`signup_text\` text,
  	\`signup_testimonial\` text,
  	\`signup_testimonial_by\` text,
  	\`privacy_note\` text,
  	\`success_message\` text DEFAULT 'You have Successfully Subscribed!',
  	\`consent_version\` text DEFAULT '1',
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_settings\`("id", "cadence_days", "weekday", "send_time", "timezone", "auto_send", "archive_on_web", "send_rate_per_second", "bounce_limit", "sender_name", "sender_address", "postal_address", "signup_headline", "signup_text", "signup_testimonial", "signup_testimonial_by", "privacy_note", "success_message", "consent_version", "updated_at", "created_at") SELECT "id", "cadence_days", "weekday", "send_time", "timezone", "auto_send", "archive_on_web", "send_rate_per_second", "bounce_limit", "sender_name", "sender_address", "postal_address", "signup_headline", "signup_text", "signup_testimonial", "signup_testimonial_by", "privacy_note", "success_message", "consent_version", "updated_at", "created_at" FROM \`settings\`;`,
  )
  await db.run(sql`DROP TABLE \`settings\`;`)
  await db.run(sql`ALTER TABLE \`__new_settings\` RENAME TO \`settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await mergeCaseDuplicates(db)
}

/**
 * One mailbox, one reader: addresses are now kept in lower case, so readers whose addresses
 * differed only in case become one. The one kept is the one whose state must win (a complaint
 * or a bounce keeps the mailbox suppressed; then active, pending, unsubscribed), the earliest
 * first; it keeps the earliest confirmation and consent among them, their bounces added up,
 * and the provider events of all of them.
 */
async function mergeCaseDuplicates(db: MigrateUpArgs['db']) {
  const rank = sql`CASE status WHEN 'complained' THEN 5 WHEN 'bounced' THEN 4 WHEN 'active' THEN 3 WHEN 'pending' THEN 2 ELSE 1 END`
  const groups = (await db.all(
    sql`SELECT lower(email) AS mailbox FROM subscribers GROUP BY lower(email) HAVING count(*) > 1`,
  )) as Array<{ mailbox: string }>
  for (const { mailbox } of groups) {
    const members = (await db.all(
      sql`SELECT id, consent_given_at, consent_source, consent_wording, consent_wording_version, confirmed_at, bounce_count FROM subscribers WHERE lower(email) = ${mailbox} ORDER BY ${rank} DESC, id ASC`,
    )) as Array<Record<string, string | number | null>>
    const [kept, ...merged] = members
    const withConsent =
      members
        .filter((m) => m.consent_given_at)
        .sort((a, b) => String(a.consent_given_at).localeCompare(String(b.consent_given_at)))[0] ?? kept
    const confirmed =
      members
        .map((m) => m.confirmed_at)
        .filter(Boolean)
        .sort()[0] ?? null
    const bounces = members.reduce((sum, m) => sum + Number(m.bounce_count ?? 0), 0)
    for (const other of merged) {
      await db.run(sql`UPDATE email_events SET subscriber_id = ${kept.id} WHERE subscriber_id = ${other.id}`)
      await db.run(sql`DELETE FROM subscribers WHERE id = ${other.id}`)
    }
    await db.run(sql`UPDATE subscribers SET
      consent_given_at = ${withConsent.consent_given_at}, consent_source = ${withConsent.consent_source},
      consent_wording = ${withConsent.consent_wording}, consent_wording_version = ${withConsent.consent_wording_version},
      confirmed_at = coalesce(confirmed_at, ${confirmed}), bounce_count = ${bounces}
      WHERE id = ${kept.id}`)
  }
  await db.run(sql`UPDATE subscribers SET email = lower(email), address_change_email = lower(address_change_email)`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`category_id\` integer,
  	\`dek\` text,
  	\`hero_image_id\` integer,
  	\`body\` text,
  	\`excerpt\` text,
  	\`reading_time\` numeric,
  	\`published_at\` text,
  	\`submission_id\` integer,
  	\`include_in_digest\` integer DEFAULT true,
  	\`meta_title\` text,
  	\`meta_description\` text,
  	\`meta_image_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`category_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`submission_id\`) REFERENCES \`submissions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`meta_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_articles\`("id", "title", "slug", "category_id", "dek", "hero_image_id", "body", "excerpt", "reading_time", "published_at", "submission_id", "include_in_digest", "meta_title", "meta_description", "meta_image_id", "updated_at", "created_at", "_status") SELECT "id", "title", "slug", "category_id", "dek", "hero_image_id", "body", "excerpt", "reading_time", "published_at", "submission_id", "include_in_digest", "meta_title", "meta_description", "meta_image_id", "updated_at", "created_at", "_status" FROM \`articles\`;`,
  )
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_category_idx\` ON \`articles\` (\`category_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_idx\` ON \`articles\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_submission_idx\` ON \`articles\` (\`submission_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_meta_meta_image_idx\` ON \`articles\` (\`meta_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_category_id\` integer,
  	\`version_dek\` text,
  	\`version_hero_image_id\` integer,
  	\`version_body\` text,
  	\`version_excerpt\` text,
  	\`version_reading_time\` numeric,
  	\`version_published_at\` text,
  	\`version_submission_id\` integer,
  	\`version_include_in_digest\` integer DEFAULT true,
  	\`version_meta_title\` text,
  	\`version_meta_description\` text,
  	\`version_meta_image_id\` integer,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_category_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_submission_id\`) REFERENCES \`submissions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_meta_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_slug", "version_category_id", "version_dek", "version_hero_image_id", "version_body", "version_excerpt", "version_reading_time", "version_published_at", "version_submission_id", "version_include_in_digest", "version_meta_title", "version_meta_description", "version_meta_image_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_title", "version_slug", "version_category_id", "version_dek", "version_hero_image_id", "version_body", "version_excerpt", "version_reading_time", "version_published_at", "version_submission_id", "version_include_in_digest", "version_meta_title", "version_meta_description", "version_meta_image_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_articles_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_category_idx\` ON \`_articles_v\` (\`version_category_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_published_at_idx\` ON \`_articles_v\` (\`version_published_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_submission_idx\` ON \`_articles_v\` (\`version_submission_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_meta_version_meta_image_idx\` ON \`_articles_v\` (\`version_meta_image_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_autosave_idx\` ON \`_articles_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`__new_authors\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`role_line\` text,
  	\`bio\` text,
  	\`avatar_id\` integer,
  	\`is_guest\` integer DEFAULT false,
  	\`contact_email\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`avatar_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_authors\`("id", "name", "slug", "role_line", "bio", "avatar_id", "is_guest", "contact_email", "updated_at", "created_at") SELECT "id", "name", "slug", "role_line", "bio", "avatar_id", "is_guest", "contact_email", "updated_at", "created_at" FROM \`authors\`;`,
  )
  await db.run(sql`DROP TABLE \`authors\`;`)
  await db.run(sql`ALTER TABLE \`__new_authors\` RENAME TO \`authors\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`authors_slug_idx\` ON \`authors\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`authors_avatar_idx\` ON \`authors\` (\`avatar_id\`);`)
  await db.run(sql`CREATE INDEX \`authors_contact_email_idx\` ON \`authors\` (\`contact_email\`);`)
  await db.run(sql`CREATE INDEX \`authors_updated_at_idx\` ON \`authors\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`authors_created_at_idx\` ON \`authors\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_categories\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_categories\`("id", "name", "slug", "description", "updated_at", "created_at") SELECT "id", "name", "slug", "description", "updated_at", "created_at" FROM \`categories\`;`,
  )
  await db.run(sql`DROP TABLE \`categories\`;`)
  await db.run(sql`ALTER TABLE \`__new_categories\` RENAME TO \`categories\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`categories_slug_idx\` ON \`categories\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`categories_updated_at_idx\` ON \`categories\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`categories_created_at_idx\` ON \`categories\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`alt\` text NOT NULL,
  	\`credit\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_card_url\` text,
  	\`sizes_card_width\` numeric,
  	\`sizes_card_height\` numeric,
  	\`sizes_card_mime_type\` text,
  	\`sizes_card_filesize\` numeric,
  	\`sizes_card_filename\` text,
  	\`sizes_hero_url\` text,
  	\`sizes_hero_width\` numeric,
  	\`sizes_hero_height\` numeric,
  	\`sizes_hero_mime_type\` text,
  	\`sizes_hero_filesize\` numeric,
  	\`sizes_hero_filename\` text,
  	\`sizes_social_url\` text,
  	\`sizes_social_width\` numeric,
  	\`sizes_social_height\` numeric,
  	\`sizes_social_mime_type\` text,
  	\`sizes_social_filesize\` numeric,
  	\`sizes_social_filename\` text,
  	\`sizes_portrait_url\` text,
  	\`sizes_portrait_width\` numeric,
  	\`sizes_portrait_height\` numeric,
  	\`sizes_portrait_mime_type\` text,
  	\`sizes_portrait_filesize\` numeric,
  	\`sizes_portrait_filename\` text
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_media\`("id", "alt", "credit", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_card_url", "sizes_card_width", "sizes_card_height", "sizes_card_mime_type", "sizes_card_filesize", "sizes_card_filename", "sizes_hero_url", "sizes_hero_width", "sizes_hero_height", "sizes_hero_mime_type", "sizes_hero_filesize", "sizes_hero_filename", "sizes_social_url", "sizes_social_width", "sizes_social_height", "sizes_social_mime_type", "sizes_social_filesize", "sizes_social_filename", "sizes_portrait_url", "sizes_portrait_width", "sizes_portrait_height", "sizes_portrait_mime_type", "sizes_portrait_filesize", "sizes_portrait_filename") SELECT "id", "alt", "credit", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_card_url", "sizes_card_width", "sizes_card_height", "sizes_card_mime_type", "sizes_card_filesize", "sizes_card_filename", "sizes_hero_url", "sizes_hero_width", "sizes_hero_height", "sizes_hero_mime_type", "sizes_hero_filesize", "sizes_hero_filename", "sizes_social_url", "sizes_social_width", "sizes_social_height", "sizes_social_mime_type", "sizes_social_filesize", "sizes_social_filename", "sizes_portrait_url", "sizes_portrait_width", "sizes_portrait_height", "sizes_portrait_mime_type", "sizes_portrait_filesize", "sizes_portrait_filename" FROM \`media\`;`,
  )
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`ALTER TABLE \`__new_media\` RENAME TO \`media\`;`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_card_sizes_card_filename_idx\` ON \`media\` (\`sizes_card_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_hero_sizes_hero_filename_idx\` ON \`media\` (\`sizes_hero_filename\`);`)
  await db.run(
    sql`CREATE INDEX \`media_sizes_social_sizes_social_filename_idx\` ON \`media\` (\`sizes_social_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_portrait_sizes_portrait_filename_idx\` ON \`media\` (\`sizes_portrait_filename\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new_submissions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`reference\` text,
  	\`status\` text DEFAULT 'received' NOT NULL,
  	\`queue_order\` numeric,
  	\`reviewer_id\` integer,
  	\`category_id\` integer,
  	\`contributor_name\` text NOT NULL,
  	\`contributor_email\` text NOT NULL,
  	\`contributor_role_line\` text,
  	\`contributor_bio\` text,
  	\`title\` text NOT NULL,
  	\`pitch\` text NOT NULL,
  	\`body\` text,
  	\`editor_notes\` text,
  	\`article_id\` integer,
  	\`author_id\` integer,
  	\`terms_accepted_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`reviewer_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`category_id\`) REFERENCES \`categories\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_submissions\`("id", "reference", "status", "queue_order", "reviewer_id", "category_id", "contributor_name", "contributor_email", "contributor_role_line", "contributor_bio", "title", "pitch", "body", "editor_notes", "article_id", "author_id", "terms_accepted_at", "updated_at", "created_at") SELECT "id", "reference", "status", "queue_order", "reviewer_id", "category_id", "contributor_name", "contributor_email", "contributor_role_line", "contributor_bio", "title", "pitch", "body", "editor_notes", "article_id", "author_id", "terms_accepted_at", "updated_at", "created_at" FROM \`submissions\`;`,
  )
  await db.run(sql`DROP TABLE \`submissions\`;`)
  await db.run(sql`ALTER TABLE \`__new_submissions\` RENAME TO \`submissions\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`submissions_reference_idx\` ON \`submissions\` (\`reference\`);`)
  await db.run(sql`CREATE INDEX \`submissions_status_idx\` ON \`submissions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`submissions_queue_order_idx\` ON \`submissions\` (\`queue_order\`);`)
  await db.run(sql`CREATE INDEX \`submissions_reviewer_idx\` ON \`submissions\` (\`reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`submissions_category_idx\` ON \`submissions\` (\`category_id\`);`)
  await db.run(
    sql`CREATE INDEX \`submissions_contributor_contributor_email_idx\` ON \`submissions\` (\`contributor_email\`);`,
  )
  await db.run(sql`CREATE INDEX \`submissions_article_idx\` ON \`submissions\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`submissions_author_idx\` ON \`submissions\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`submissions_updated_at_idx\` ON \`submissions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`submissions_created_at_idx\` ON \`submissions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_editions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`number\` numeric NOT NULL,
  	\`period_key\` text,
  	\`subject\` text NOT NULL,
  	\`preheader\` text,
  	\`intro\` text,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`scheduled_for\` text,
  	\`send_error\` text,
  	\`snapshot_subject\` text,
  	\`snapshot_html\` text,
  	\`snapshot_text\` text,
  	\`snapshot_rendered_at\` text,
  	\`snapshot_render_ms\` numeric,
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
    sql`INSERT INTO \`__new_editions\`("id", "number", "period_key", "subject", "preheader", "intro", "status", "scheduled_for", "send_error", "snapshot_subject", "snapshot_html", "snapshot_text", "snapshot_rendered_at", "snapshot_render_ms", "stats_recipients", "stats_sent", "stats_failed", "stats_skipped", "stats_started_at", "stats_finished_at", "stats_duration_seconds", "updated_at", "created_at") SELECT "id", "number", "period_key", "subject", "preheader", "intro", "status", "scheduled_for", "send_error", "snapshot_subject", "snapshot_html", "snapshot_text", "snapshot_rendered_at", "snapshot_render_ms", "stats_recipients", "stats_sent", "stats_failed", "stats_skipped", "stats_started_at", "stats_finished_at", "stats_duration_seconds", "updated_at", "created_at" FROM \`editions\`;`,
  )
  await db.run(sql`DROP TABLE \`editions\`;`)
  await db.run(sql`ALTER TABLE \`__new_editions\` RENAME TO \`editions\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_number_idx\` ON \`editions\` (\`number\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_period_key_idx\` ON \`editions\` (\`period_key\`);`)
  await db.run(sql`CREATE INDEX \`editions_status_idx\` ON \`editions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`editions_scheduled_for_idx\` ON \`editions\` (\`scheduled_for\`);`)
  await db.run(sql`CREATE INDEX \`editions_updated_at_idx\` ON \`editions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`editions_created_at_idx\` ON \`editions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_subscribers\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`email\` text NOT NULL,
  	\`first_name\` text,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`consent_given_at\` text,
  	\`consent_source\` text,
  	\`consent_wording\` text,
  	\`consent_wording_version\` text,
  	\`confirmed_at\` text,
  	\`unsubscribed_at\` text,
  	\`address_change_email\` text,
  	\`address_change_requested_at\` text,
  	\`address_change_nonce\` text,
  	\`import_id\` text,
  	\`import_row\` numeric,
  	\`bounce_count\` numeric DEFAULT 0,
  	\`last_bounce_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_subscribers\`("id", "email", "first_name", "status", "consent_given_at", "consent_source", "consent_wording", "consent_wording_version", "confirmed_at", "unsubscribed_at", "address_change_email", "address_change_requested_at", "address_change_nonce", "import_id", "import_row", "bounce_count", "last_bounce_at", "updated_at", "created_at") SELECT "id", "email", "first_name", "status", "consent_given_at", "consent_source", "consent_wording", "consent_wording_version", "confirmed_at", "unsubscribed_at", "address_change_email", "address_change_requested_at", "address_change_nonce", "import_id", "import_row", "bounce_count", "last_bounce_at", "updated_at", "created_at" FROM \`subscribers\`;`,
  )
  await db.run(sql`DROP TABLE \`subscribers\`;`)
  await db.run(sql`ALTER TABLE \`__new_subscribers\` RENAME TO \`subscribers\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`subscribers_email_idx\` ON \`subscribers\` (\`email\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_status_idx\` ON \`subscribers\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_import_id_idx\` ON \`subscribers\` (\`import_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_updated_at_idx\` ON \`subscribers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_created_at_idx\` ON \`subscribers\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_subscriber_imports\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`stored_as\` text NOT NULL,
  	\`file_name\` text,
  	\`bytes\` numeric,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`processed\` numeric DEFAULT 0,
  	\`bytes_read\` numeric DEFAULT 0,
  	\`imported\` numeric DEFAULT 0,
  	\`already_subscribed\` numeric DEFAULT 0,
  	\`suppressed\` numeric DEFAULT 0,
  	\`rejected\` numeric DEFAULT 0,
  	\`rejected_bytes\` numeric DEFAULT 0,
  	\`error\` text,
  	\`started_at\` text,
  	\`finished_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_subscriber_imports\`("id", "stored_as", "file_name", "bytes", "status", "processed", "bytes_read", "imported", "already_subscribed", "suppressed", "rejected", "rejected_bytes", "error", "started_at", "finished_at", "updated_at", "created_at") SELECT "id", "stored_as", "file_name", "bytes", "status", "processed", "bytes_read", "imported", "already_subscribed", "suppressed", "rejected", "rejected_bytes", "error", "started_at", "finished_at", "updated_at", "created_at" FROM \`subscriber_imports\`;`,
  )
  await db.run(sql`DROP TABLE \`subscriber_imports\`;`)
  await db.run(sql`ALTER TABLE \`__new_subscriber_imports\` RENAME TO \`subscriber_imports\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`subscriber_imports_stored_as_idx\` ON \`subscriber_imports\` (\`stored_as\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_status_idx\` ON \`subscriber_imports\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_updated_at_idx\` ON \`subscriber_imports\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_created_at_idx\` ON \`subscriber_imports\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_deliveries\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`edition_id\` integer NOT NULL,
  	\`batch\` numeric NOT NULL,
  	\`size\` numeric NOT NULL,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`outcomes\` text,
  	\`sent\` numeric DEFAULT 0,
  	\`failed\` numeric DEFAULT 0,
  	\`skipped\` numeric DEFAULT 0,
  	\`lease_owner\` text,
  	\`lease_expires_at\` text,
  	\`finished_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_deliveries\`("id", "edition_id", "batch", "size", "status", "outcomes", "sent", "failed", "skipped", "lease_owner", "lease_expires_at", "finished_at", "updated_at", "created_at") SELECT "id", "edition_id", "batch", "size", "status", "outcomes", "sent", "failed", "skipped", "lease_owner", "lease_expires_at", "finished_at", "updated_at", "created_at" FROM \`deliveries\`;`,
  )
  await db.run(sql`DROP TABLE \`deliveries\`;`)
  await db.run(sql`ALTER TABLE \`__new_deliveries\` RENAME TO \`deliveries\`;`)
  await db.run(sql`CREATE INDEX \`deliveries_edition_idx\` ON \`deliveries\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_status_idx\` ON \`deliveries\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_updated_at_idx\` ON \`deliveries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_created_at_idx\` ON \`deliveries\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`edition_batch_idx\` ON \`deliveries\` (\`edition_id\`,\`batch\`);`)
  await db.run(sql`CREATE TABLE \`__new_email_events\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`provider\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`event_key\` text NOT NULL,
  	\`occurred_at\` text NOT NULL,
  	\`subscriber_id\` integer,
  	\`edition_id\` integer,
  	\`effect\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_email_events\`("id", "provider", "type", "event_key", "occurred_at", "subscriber_id", "edition_id", "effect", "updated_at", "created_at") SELECT "id", "provider", "type", "event_key", "occurred_at", "subscriber_id", "edition_id", "effect", "updated_at", "created_at" FROM \`email_events\`;`,
  )
  await db.run(sql`DROP TABLE \`email_events\`;`)
  await db.run(sql`ALTER TABLE \`__new_email_events\` RENAME TO \`email_events\`;`)
  await db.run(sql`CREATE INDEX \`email_events_provider_idx\` ON \`email_events\` (\`provider\`);`)
  await db.run(sql`CREATE INDEX \`email_events_type_idx\` ON \`email_events\` (\`type\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`email_events_event_key_idx\` ON \`email_events\` (\`event_key\`);`)
  await db.run(sql`CREATE INDEX \`email_events_occurred_at_idx\` ON \`email_events\` (\`occurred_at\`);`)
  await db.run(sql`CREATE INDEX \`email_events_subscriber_idx\` ON \`email_events\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE INDEX \`email_events_edition_idx\` ON \`email_events\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`email_events_updated_at_idx\` ON \`email_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`email_events_created_at_idx\` ON \`email_events\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_suppressions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`email_hash\` text NOT NULL,
  	\`reason\` text DEFAULT 'erased' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_suppressions\`("id", "email_hash", "reason", "updated_at", "created_at") SELECT "id", "email_hash", "reason", "updated_at", "created_at" FROM \`suppressions\`;`,
  )
  await db.run(sql`DROP TABLE \`suppressions\`;`)
  await db.run(sql`ALTER TABLE \`__new_suppressions\` RENAME TO \`suppressions\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`suppressions_email_hash_idx\` ON \`suppressions\` (\`email_hash\`);`)
  await db.run(sql`CREATE INDEX \`suppressions_updated_at_idx\` ON \`suppressions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`suppressions_created_at_idx\` ON \`suppressions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`role\` text DEFAULT 'editor' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_users\`("id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until") SELECT "id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until" FROM \`users\`;`,
  )
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`ALTER TABLE \`__new_users\` RENAME TO \`users\`;`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_kv\`("id", "key", "data") SELECT "id", "key", "data" FROM \`payload_kv\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_kv\` RENAME TO \`payload_kv\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_jobs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_jobs\`("id", "input", "completed_at", "total_tried", "has_error", "error", "task_slug", "queue", "wait_until", "processing", "updated_at", "created_at") SELECT "id", "input", "completed_at", "total_tried", "has_error", "error", "task_slug", "queue", "wait_until", "processing", "updated_at", "created_at" FROM \`payload_jobs\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_jobs\` RENAME TO \`payload_jobs\`;`)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents\`("id", "global_slug", "updated_at", "created_at") SELECT "id", "global_slug", "updated_at", "created_at" FROM \`payload_locked_documents\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents\` RENAME TO \`payload_locked_documents\`;`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new_payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_preferences\`("id", "key", "value", "updated_at", "created_at") SELECT "id", "key", "value", "updated_at", "created_at" FROM \`payload_preferences\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_preferences\` RENAME TO \`payload_preferences\`;`)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_migrations\`("id", "name", "batch", "updated_at", "created_at") SELECT "id", "name", "batch", "updated_at", "created_at" FROM \`payload_migrations\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_migrations\` RENAME TO \`payload_migrations\`;`)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_settings\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`cadence_days\` numeric DEFAULT 14 NOT NULL,
  	\`weekday\` text DEFAULT 'thursday' NOT NULL,
  	\`send_time\` text DEFAULT '08:00' NOT NULL,
  	\`timezone\` text DEFAULT 'America/Denver' NOT NULL,
  	\`auto_send\` integer DEFAULT false,
  	\`archive_on_web\` integer DEFAULT true,
  	\`send_rate_per_second\` numeric DEFAULT 50 NOT NULL,
  	\`bounce_limit\` numeric DEFAULT 3 NOT NULL,
  	\`sender_name\` text DEFAULT 'Mindful Moments' NOT NULL,
  	\`sender_address\` text,
  	\`postal_address\` text DEFAULT 'Mindful Press · 123 Example Street · Boulder, CO 80302 · USA' NOT NULL,
  	\`signup_headline\` text DEFAULT 'Join our Mindful Movement!',
  	\`signup_text\` text,
  	\`signup_testimonial\` text,
  	\`signup_testimonial_by\` text,
  	\`privacy_note\` text,
  	\`success_message\` text DEFAULT 'You have Successfully Subscribed!',
  	\`consent_version\` text DEFAULT '1',
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_settings\`("id", "cadence_days", "weekday", "send_time", "timezone", "auto_send", "archive_on_web", "send_rate_per_second", "bounce_limit", "sender_name", "sender_address", "postal_address", "signup_headline", "signup_text", "signup_testimonial", "signup_testimonial_by", "privacy_note", "success_message", "consent_version", "updated_at", "created_at") SELECT "id", "cadence_days", "weekday", "send_time", "timezone", "auto_send", "archive_on_web", "send_rate_per_second", "bounce_limit", "sender_name", "sender_address", "postal_address", "signup_headline", "signup_text", "signup_testimonial", "signup_testimonial_by", "privacy_note", "success_message", "consent_version", "updated_at", "created_at" FROM \`settings\`;`,
  )
  await db.run(sql`DROP TABLE \`settings\`;`)
  await db.run(sql`ALTER TABLE \`__new_settings\` RENAME TO \`settings\`;`)
}
