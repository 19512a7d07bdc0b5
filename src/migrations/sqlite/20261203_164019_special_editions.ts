import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`editions\` ADD \`letter\` text;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`show_in_archive\` integer DEFAULT true;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`letter\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`show_in_archive\`;`)
}
