import type { MetadataRoute } from 'next'

/** The web manifest: name, colours and icons when a reader adds the magazine to a home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Mindful Press',
    short_name: 'Mindful Press',
    description: 'Stories and lessons on mindful dating and relationships.',
    start_url: '/',
    display: 'browser',
    background_color: '#fbf9f6',
    theme_color: '#7a5c8e',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon.png', sizes: '512x512', type: 'image/png' },
      { src: '/apple-icon.png', sizes: '180x180', type: 'image/png' },
    ],
  }
}
