import type { Queue } from 'bullmq'

import type { RecordId } from '@/src/services/platform/records'
import { JOB_IDS, QUEUES, webQueue, type DeliverBatchJob, type EditionJob } from '@/src/services/platform/queues'

/** How the newsletter services start work; the database, not this, says what is done. */
export type DigestJobs = {
  send(editionId: RecordId, at?: Date): Promise<unknown>
  finalize(editionId: RecordId): Promise<unknown>
  deliverBatch(job: DeliverBatchJob): Promise<unknown>
}

export function digestJobs(editions: Queue<EditionJob>, deliveries: Queue<DeliverBatchJob>): DigestJobs {
  return {
    send: (editionId, at) =>
      editions.add(
        'send',
        { kind: 'send', editionId },
        at
          ? { jobId: JOB_IDS.scheduledSend(editionId, at), delay: Math.max(0, at.getTime() - Date.now()) }
          : { jobId: JOB_IDS.send(editionId) },
      ),
    finalize: (editionId) =>
      editions.add('finalize', { kind: 'finalize', editionId }, { jobId: JOB_IDS.finalize(editionId) }),
    deliverBatch: (job) => deliveries.add('deliver-batch', job, { jobId: JOB_IDS.deliver(job.editionId, job.batch) }),
  }
}

/** The web process's way to start newsletter work (Send now, Schedule). */
export const webDigestJobs = () => digestJobs(webQueue(QUEUES.editions), webQueue(QUEUES.deliveries))
