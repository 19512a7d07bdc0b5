import type { Media } from '@/src/payload-types'

type Source = { url?: string | null; width?: number | null; height?: number | null }

/** The picture's renditions that exist (Payload skips sizes wider than the upload), narrowest first. */
function renditions(media: Media, portrait: boolean): Required<{ [K in keyof Source]: NonNullable<Source[K]> }>[] {
  const all: Source[] =
    portrait && media.sizes?.portrait?.url
      ? [media.sizes.portrait]
      : [media.sizes?.card ?? {}, media.sizes?.hero ?? {}, media]
  const usable = all.filter((s): s is { url: string; width: number; height: number } =>
    Boolean(s.url && s.width && s.height),
  )
  return [...new Map(usable.map((s) => [s.width, s])).values()].sort((a, b) => a.width - b.width)
}

/**
 * A responsive picture: every rendition in `srcset`, width and height set (no layout shift),
 * lazy unless it is the first thing on the page. A portrait uses its square crop.
 */
export function Picture({
  media,
  sizes,
  priority = false,
  portrait = false,
  className,
}: {
  media: Media | number | null | undefined
  sizes: string
  priority?: boolean
  portrait?: boolean
  className?: string
}) {
  if (!media || typeof media !== 'object') return null
  const sources = renditions(media, portrait)
  if (sources.length === 0) return null
  const fallback = sources.find((s) => s.width >= 640) ?? sources[sources.length - 1]!
  return (
    <img
      className={className}
      src={fallback.url}
      srcSet={sources.map((s) => `${s.url} ${s.width}w`).join(', ')}
      sizes={sizes}
      width={fallback.width}
      height={fallback.height}
      alt={media.alt}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : undefined}
      decoding="async"
    />
  )
}
