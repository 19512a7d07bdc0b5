import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`authors\` ADD \`has_published_article\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`submissions\` ADD \`byline_author_id\` integer REFERENCES authors(id);`)
  await db.run(sql`CREATE INDEX \`submissions_byline_author_idx\` ON \`submissions\` (\`byline_author_id\`);`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`pending_sign_up_requested_at\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`pending_sign_up_first_name\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`pending_sign_up_consent_given_at\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`pending_sign_up_consent_source\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`pending_sign_up_consent_wording\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`pending_sign_up_consent_wording_version\` text;`)
  // Guests already on the site stay there: those with a published article.
  await db.run(
    sql`UPDATE authors SET has_published_article = 1 WHERE id IN (SELECT r.authors_id FROM articles_rels r JOIN articles a ON a.id = r.parent_id WHERE r.path = 'authors' AND a._status = 'published')`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
    sql`INSERT INTO \`__new_submissions\`("id", "reference", "status", "queue_order", "reviewer_id", "category_id", "contributor_name", "contributor_email", "contributor_role_line", "contributor_bio", "title", "pitch", "body", "editor_notes", "article_id", "author_id", "link_key", "terms_accepted_at", "updated_at", "created_at") SELECT "id", "reference", "status", "queue_order", "reviewer_id", "category_id", "contributor_name", "contributor_email", "contributor_role_line", "contributor_bio", "title", "pitch", "body", "editor_notes", "article_id", "author_id", "link_key", "terms_accepted_at", "updated_at", "created_at" FROM \`submissions\`;`,
  )
  await db.run(sql`DROP TABLE \`submissions\`;`)
  await db.run(sql`ALTER TABLE \`__new_submissions\` RENAME TO \`submissions\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
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
  await db.run(sql`ALTER TABLE \`authors\` DROP COLUMN \`has_published_article\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`pending_sign_up_requested_at\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`pending_sign_up_first_name\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`pending_sign_up_consent_given_at\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`pending_sign_up_consent_source\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`pending_sign_up_consent_wording\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`pending_sign_up_consent_wording_version\`;`)
}
