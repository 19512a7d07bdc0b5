export { contributorRevision as POST, contributorStatus as GET } from '@/src/services/editorial/contributorPages'
export const dynamic = 'force-dynamic'
