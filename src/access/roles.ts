import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

/**
 * Who may do what. Only staff (admins and editors) can log in; readers and contributors
 * never have accounts, so "signed in" means "staff".
 */

type Role = 'admin' | 'editor'

function roleOf(req: PayloadRequest): Role | undefined {
  const user = req.user as { collection?: string; role?: Role } | null
  return user?.collection === 'users' ? user.role : undefined
}

export const isStaffRequest = (req: PayloadRequest): boolean => roleOf(req) !== undefined
/** The same for a user found outside a request (e.g. `payload.auth` in a page). */
export const isStaffUser = (user: unknown): boolean => roleOf({ user } as PayloadRequest) !== undefined
export const isAdminRequest = (req: PayloadRequest): boolean => roleOf(req) === 'admin'

export const anyone: Access = () => true
export const staff: Access = ({ req }) => isStaffRequest(req)
export const admins: Access = ({ req }) => isAdminRequest(req)
export const nobody: Access = () => false

/** Staff see drafts; everyone else sees published documents only. */
export const publishedOrStaff: Access = ({ req }) => {
  if (isStaffRequest(req)) return true
  const published: Where = { _status: { equals: 'published' } }
  return published
}

/** Admins manage every account; anyone else may only see and edit their own. */
export const adminsOrSelf: Access = ({ req }) => {
  if (isAdminRequest(req)) return true
  const user = req.user
  if (!user || roleOf(req) === undefined) return false
  const self: Where = { id: { equals: user.id } }
  return self
}

export const adminsOnlyField: FieldAccess = ({ req }) => isAdminRequest(req)
export const staffOnlyField: FieldAccess = ({ req }) => isStaffRequest(req)

/**
 * Fields that only the system writes (the pipeline, the workflow, the import): refused to
 * everyone through the API and the admin, on create as on update. Server code passes
 * `overrideAccess: true` and is not affected.
 */
export const systemWritten: { create: FieldAccess; update: FieldAccess } = { create: () => false, update: () => false }

/** Kept for the server's own checks (link keys): never in an API answer, not even an admin's. */
export const neverRead: { read: FieldAccess } & typeof systemWritten = { read: () => false, ...systemWritten }
