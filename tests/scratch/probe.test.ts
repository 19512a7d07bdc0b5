import { it, expect } from 'vitest'
import { startPayload } from '../helpers/payload'
it('probe', async () => {
  const local = await startPayload()
  const { payload } = local
  const a = await payload.create({ collection: 'categories', data: { name: 'A' } })
  const b = await payload.create({ collection: 'categories', data: { name: 'B' } })
  const mm = (await payload.find({ collection: 'newsletters' })).docs[0]
  const other = await payload.create({ collection: 'newsletters', data: { name: 'L', slug: 'l', cadence: 'manual', weekday: 'monday', sendTime: '08:00' } })
  for (let i = 0; i < 3; i++)
    await payload.create({ collection: 'subscribers', data: { email: `r${i}@x.test`, status: 'active', topics: [a.id, b.id], newsletters: [mm.id, other.id] }, overrideAccess: true })
  const { docs } = await payload.find({
    collection: 'subscribers',
    where: { and: [{ status: { equals: 'active' } }, { newsletters: { equals: mm.id } }, { topics: { in: [a.id, b.id] } }] },
    sort: 'id', limit: 5000, pagination: false, select: { topics: true }, depth: 0, overrideAccess: true,
  })
  console.log('IDS', docs.map((d) => d.id))
  expect(docs.map((d) => d.id)).toHaveLength(3)
  await local.close()
})
