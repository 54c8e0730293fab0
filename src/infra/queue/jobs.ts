// Every job the service runs: its queue, its name and its payload (ids only, never entities or
// secrets).
export const QUEUES = { mail: 'mail', reminders: 'reminders', briefings: 'briefings' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'mail.send': { mailId: string };
  // One sweep per tick across every worker: the job id is derived from the tick.
  'reminders.sweep': { tick: number };
  'reminders.send': { reminderId: string };
  'briefings.compile': { briefingId: string };
  // Re-enqueues compiles a lost Redis dropped, and runs the compile-and-send automation.
  'briefings.sweep': { tick: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'mail.send': QUEUES.mail,
  'reminders.sweep': QUEUES.reminders,
  'reminders.send': QUEUES.reminders,
  'briefings.compile': QUEUES.briefings,
  'briefings.sweep': QUEUES.briefings,
};
