export { editionWebPage as GET } from '../../../../../services/newsletter/editionPages'
export const dynamic = 'force-dynamic'
