import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`address_change_email\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`address_change_requested_at\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`address_change_nonce\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`address_change_email\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`address_change_requested_at\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`address_change_nonce\`;`)
}
