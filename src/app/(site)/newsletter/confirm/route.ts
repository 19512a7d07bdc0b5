export { confirmPage as GET } from '../../../../services/linkPages'
export const dynamic = 'force-dynamic'
