export { editionWebPage as GET } from '@/src/services/newsletter/editionPages'
export const dynamic = 'force-dynamic'
