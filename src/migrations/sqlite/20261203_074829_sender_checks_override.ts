import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`editions\` ADD \`override_sender_checks\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`sender_checks_overridden_by\` text;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`sender_checks_overridden_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`override_sender_checks\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`sender_checks_overridden_by\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`sender_checks_overridden_at\`;`)
}
