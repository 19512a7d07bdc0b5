import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`deliveries_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`subscribers_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`deliveries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscribers_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`deliveries_rels_order_idx\` ON \`deliveries_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_rels_parent_idx\` ON \`deliveries_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_rels_path_idx\` ON \`deliveries_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_rels_subscribers_id_idx\` ON \`deliveries_rels\` (\`subscribers_id\`);`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
  // Deliveries change shape (one row per reader → one row per batch). No release wrote any:
  // the digest pipeline arrives with this migration, so there is nothing to carry over.
  await db.run(sql`DROP TABLE \`deliveries\`;`)
  await db.run(sql`ALTER TABLE \`__new_deliveries\` RENAME TO \`deliveries\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`deliveries_edition_idx\` ON \`deliveries\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_status_idx\` ON \`deliveries\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_updated_at_idx\` ON \`deliveries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_created_at_idx\` ON \`deliveries\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`edition_batch_idx\` ON \`deliveries\` (\`edition_id\`,\`batch\`);`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`send_error\` text;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`snapshot_render_ms\` numeric;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`stats_duration_seconds\` numeric;`)
  await db.run(sql`ALTER TABLE \`settings\` ADD \`bounce_limit\` numeric DEFAULT 3 NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`deliveries_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_deliveries\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`edition_id\` integer NOT NULL,
  	\`subscriber_id\` integer NOT NULL,
  	\`status\` text NOT NULL,
  	\`attempts\` numeric DEFAULT 1,
  	\`message_id\` text,
  	\`error\` text,
  	\`sent_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  // Deliveries change shape (one row per reader → one row per batch). No release wrote any:
  // the digest pipeline arrives with this migration, so there is nothing to carry over.
  await db.run(sql`DROP TABLE \`deliveries\`;`)
  await db.run(sql`ALTER TABLE \`__new_deliveries\` RENAME TO \`deliveries\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`deliveries_edition_idx\` ON \`deliveries\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_subscriber_idx\` ON \`deliveries\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_updated_at_idx\` ON \`deliveries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`deliveries_created_at_idx\` ON \`deliveries\` (\`created_at\`);`)
  await db.run(
    sql`CREATE UNIQUE INDEX \`edition_subscriber_idx\` ON \`deliveries\` (\`edition_id\`,\`subscriber_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`send_error\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`snapshot_render_ms\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`stats_duration_seconds\`;`)
  await db.run(sql`ALTER TABLE \`settings\` DROP COLUMN \`bounce_limit\`;`)
}
