// Every job the service runs: its queue, its name and its payload (ids only, never entities or
// secrets).
export const QUEUES = { mail: 'mail' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'mail.send': { mailId: string };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'mail.send': QUEUES.mail,
};
