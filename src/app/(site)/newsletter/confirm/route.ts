export { confirmPage as GET } from '../../../../services/newsletter/linkPages'
export const dynamic = 'force-dynamic'
