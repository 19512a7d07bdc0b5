import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`submissions\` ADD \`queue_order\` numeric;`)
  await db.run(sql`CREATE INDEX \`submissions_queue_order_idx\` ON \`submissions\` (\`queue_order\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`submissions_queue_order_idx\`;`)
  await db.run(sql`ALTER TABLE \`submissions\` DROP COLUMN \`queue_order\`;`)
}
