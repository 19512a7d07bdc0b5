export { confirmAddressPage as GET } from '../../../../services/newsletter/managePages'
export const dynamic = 'force-dynamic'
