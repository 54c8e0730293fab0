import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// A nodemailer message as sendMail takes it (see message() in mail-transport.ts).
export type NodemailerMessage = Record<string, unknown>;

interface ThreadReply {
  id: number;
  messageId?: string;
  error?: { name?: string; message: string; code?: string; responseCode?: number; command?: string };
}

interface Pending {
  resolve(result: { messageId: string }): void;
  reject(error: Error): void;
}

const THREAD_SCRIPT = join(__dirname, 'smtp-thread.cjs');

// nodemailer's pooled SMTP transport, run in a worker thread (smtp-thread.cjs): building MIME and
// writing it to the sockets is most of the CPU an e-mail costs, and there it runs beside the main
// thread (jobs, database, rendering) instead of taking turns with it. The main thread hands over a
// message and gets back the message id or the SMTP error. A thread that dies fails the sends it
// held (their jobs retry) and is started again by the next send.
export class SmtpThreadTransport {
  private thread?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly smtpUrl: string) {}

  send(message: NodemailerMessage): Promise<{ messageId: string }> {
    const thread = this.running();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.postMessage({ type: 'send', id, message });
    });
  }

  close(): void {
    this.thread?.postMessage({ type: 'close' });
    this.thread = undefined;
  }

  private running(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(THREAD_SCRIPT, { workerData: { smtpUrl: this.smtpUrl, nodemailerPath: require.resolve('nodemailer') } });
    thread.on('message', (reply: ThreadReply) => this.settle(reply));
    thread.on('error', (error) => this.failAll(thread, error));
    thread.on('exit', (code) => this.failAll(thread, new Error(`the SMTP thread stopped (exit code ${code})`)));
    // An idle transport must not keep the process alive.
    thread.unref();
    this.thread = thread;
    return thread;
  }

  private settle(reply: ThreadReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.messageId !== undefined) return waiting.resolve({ messageId: reply.messageId });
    waiting.reject(Object.assign(new Error(reply.error?.message ?? 'the SMTP thread gave no answer'), reply.error));
  }

  private failAll(thread: Worker, error: Error): void {
    if (this.thread === thread) this.thread = undefined;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
