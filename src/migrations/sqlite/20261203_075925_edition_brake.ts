import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`editions\` ADD \`brake_paused_at\` text;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`brake_complaints_forgiven\` numeric;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`brake_bounces_forgiven\` numeric;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`brake_decision\` text;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`brake_decided_by\` text;`)
  await db.run(sql`ALTER TABLE \`editions\` ADD \`brake_decided_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`brake_paused_at\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`brake_complaints_forgiven\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`brake_bounces_forgiven\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`brake_decision\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`brake_decided_by\`;`)
  await db.run(sql`ALTER TABLE \`editions\` DROP COLUMN \`brake_decided_at\`;`)
}
