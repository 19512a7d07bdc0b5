import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`settings\` ADD \`warmup_plan\` text;`)
  await db.run(sql`ALTER TABLE \`settings\` ADD \`smtp_rate\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`settings\` DROP COLUMN \`warmup_plan\`;`)
  await db.run(sql`ALTER TABLE \`settings\` DROP COLUMN \`smtp_rate\`;`)
}
