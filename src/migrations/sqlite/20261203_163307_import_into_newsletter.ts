import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscriber_imports\` ADD \`newsletter_id\` integer REFERENCES newsletters(id);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_newsletter_idx\` ON \`subscriber_imports\` (\`newsletter_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`subscriber_imports_stored_as_idx\` ON \`subscriber_imports\` (\`stored_as\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_status_idx\` ON \`subscriber_imports\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_updated_at_idx\` ON \`subscriber_imports\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_imports_created_at_idx\` ON \`subscriber_imports\` (\`created_at\`);`)
}
