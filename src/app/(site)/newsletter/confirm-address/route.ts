export { confirmAddressPage as GET } from '../../../../services/managePages'
export const dynamic = 'force-dynamic'
