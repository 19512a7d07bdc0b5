import { receiveEmailEvents } from '@/src/services/newsletter/providerEvents/receive'

export const dynamic = 'force-dynamic'

export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }): Promise<Response> {
  return receiveEmailEvents(request, (await params).provider)
}
