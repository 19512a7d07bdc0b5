export { contributorRevision as POST, contributorStatus as GET } from '../../../../services/editorial/contributorPages'
export const dynamic = 'force-dynamic'
