export { editionWebPage as GET } from '../../../../../services/editionPages'
export const dynamic = 'force-dynamic'
