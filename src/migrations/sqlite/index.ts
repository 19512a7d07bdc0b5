import * as migration_20261124_175618_initial from './20261124_175618_initial'
import * as migration_20261124_185611_suppressions from './20261124_185611_suppressions'
import * as migration_20261124_191531_guest_article_links from './20261124_191531_guest_article_links'
import * as migration_20261124_192458_review_queue_order from './20261124_192458_review_queue_order'
import * as migration_20261125_115653_digest_pipeline from './20261125_115653_digest_pipeline'
import * as migration_20261125_232106_subscriber_address_change from './20261125_232106_subscriber_address_change'
import * as migration_20261125_233718_provider_email_events from './20261125_233718_provider_email_events'
import * as migration_20261126_002517_subscriber_imports from './20261126_002517_subscriber_imports'
import * as migration_20261201_211536_reader_site_seo_images_archive from './20261201_211536_reader_site_seo_images_archive'
import * as migration_20261202_014656_import_bytes_read from './20261202_014656_import_bytes_read'
import * as migration_20261202_144125_trust_links from './20261202_144125_trust_links'
import * as migration_20261202_145233_trust_doors from './20261202_145233_trust_doors'
import * as migration_20261202_150507_mail_outbox from './20261202_150507_mail_outbox'
import * as migration_20261202_180206_media_storage_prefix from './20261202_180206_media_storage_prefix'
import * as migration_20261203_074829_sender_checks_override from './20261203_074829_sender_checks_override'
import * as migration_20261203_075925_edition_brake from './20261203_075925_edition_brake'
import * as migration_20261203_081711_delivery_routes from './20261203_081711_delivery_routes'
import * as migration_20261203_082512_warmup_start from './20261203_082512_warmup_start'
import * as migration_20261203_084145_pace_settings from './20261203_084145_pace_settings'
import * as migration_20261203_101632_insight_counts from './20261203_101632_insight_counts'
import * as migration_20261203_131747_subscriber_pause from './20261203_131747_subscriber_pause'
import * as migration_20261203_133124_reader_topics from './20261203_133124_reader_topics'
import * as migration_20261203_162352_newsletters from './20261203_162352_newsletters'
import * as migration_20261203_163307_import_into_newsletter from './20261203_163307_import_into_newsletter'
import * as migration_20261203_164019_special_editions from './20261203_164019_special_editions'

export const migrations = [
  {
    up: migration_20261124_175618_initial.up,
    down: migration_20261124_175618_initial.down,
    name: '20261124_175618_initial',
  },
  {
    up: migration_20261124_185611_suppressions.up,
    down: migration_20261124_185611_suppressions.down,
    name: '20261124_185611_suppressions',
  },
  {
    up: migration_20261124_191531_guest_article_links.up,
    down: migration_20261124_191531_guest_article_links.down,
    name: '20261124_191531_guest_article_links',
  },
  {
    up: migration_20261124_192458_review_queue_order.up,
    down: migration_20261124_192458_review_queue_order.down,
    name: '20261124_192458_review_queue_order',
  },
  {
    up: migration_20261125_115653_digest_pipeline.up,
    down: migration_20261125_115653_digest_pipeline.down,
    name: '20261125_115653_digest_pipeline',
  },
  {
    up: migration_20261125_232106_subscriber_address_change.up,
    down: migration_20261125_232106_subscriber_address_change.down,
    name: '20261125_232106_subscriber_address_change',
  },
  {
    up: migration_20261125_233718_provider_email_events.up,
    down: migration_20261125_233718_provider_email_events.down,
    name: '20261125_233718_provider_email_events',
  },
  {
    up: migration_20261126_002517_subscriber_imports.up,
    down: migration_20261126_002517_subscriber_imports.down,
    name: '20261126_002517_subscriber_imports',
  },
  {
    up: migration_20261201_211536_reader_site_seo_images_archive.up,
    down: migration_20261201_211536_reader_site_seo_images_archive.down,
    name: '20261201_211536_reader_site_seo_images_archive',
  },
  {
    up: migration_20261202_014656_import_bytes_read.up,
    down: migration_20261202_014656_import_bytes_read.down,
    name: '20261202_014656_import_bytes_read',
  },
  {
    up: migration_20261202_144125_trust_links.up,
    down: migration_20261202_144125_trust_links.down,
    name: '20261202_144125_trust_links',
  },
  {
    up: migration_20261202_145233_trust_doors.up,
    down: migration_20261202_145233_trust_doors.down,
    name: '20261202_145233_trust_doors',
  },
  {
    up: migration_20261202_150507_mail_outbox.up,
    down: migration_20261202_150507_mail_outbox.down,
    name: '20261202_150507_mail_outbox',
  },
  {
    up: migration_20261202_180206_media_storage_prefix.up,
    down: migration_20261202_180206_media_storage_prefix.down,
    name: '20261202_180206_media_storage_prefix',
  },
  {
    up: migration_20261203_074829_sender_checks_override.up,
    down: migration_20261203_074829_sender_checks_override.down,
    name: '20261203_074829_sender_checks_override',
  },
  {
    up: migration_20261203_075925_edition_brake.up,
    down: migration_20261203_075925_edition_brake.down,
    name: '20261203_075925_edition_brake',
  },
  {
    up: migration_20261203_081711_delivery_routes.up,
    down: migration_20261203_081711_delivery_routes.down,
    name: '20261203_081711_delivery_routes',
  },
  {
    up: migration_20261203_082512_warmup_start.up,
    down: migration_20261203_082512_warmup_start.down,
    name: '20261203_082512_warmup_start',
  },
  {
    up: migration_20261203_084145_pace_settings.up,
    down: migration_20261203_084145_pace_settings.down,
    name: '20261203_084145_pace_settings',
  },
  {
    up: migration_20261203_101632_insight_counts.up,
    down: migration_20261203_101632_insight_counts.down,
    name: '20261203_101632_insight_counts',
  },
  {
    up: migration_20261203_131747_subscriber_pause.up,
    down: migration_20261203_131747_subscriber_pause.down,
    name: '20261203_131747_subscriber_pause',
  },
  {
    up: migration_20261203_133124_reader_topics.up,
    down: migration_20261203_133124_reader_topics.down,
    name: '20261203_133124_reader_topics',
  },
  {
    up: migration_20261203_162352_newsletters.up,
    down: migration_20261203_162352_newsletters.down,
    name: '20261203_162352_newsletters',
  },
  {
    up: migration_20261203_163307_import_into_newsletter.up,
    down: migration_20261203_163307_import_into_newsletter.down,
    name: '20261203_163307_import_into_newsletter',
  },
  {
    up: migration_20261203_164019_special_editions.up,
    down: migration_20261203_164019_special_editions.down,
    name: '20261203_164019_special_editions',
  },
]
