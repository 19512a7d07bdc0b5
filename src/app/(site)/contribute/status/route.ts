export { contributorRevision as POST, contributorStatus as GET } from '../../../../services/contributorPages'
export const dynamic = 'force-dynamic'
