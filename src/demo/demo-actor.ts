import { Actor } from '../auth/roles';

// Who the audit log and the report revisions name for what the demo loads.
export const DEMO_ACTOR: Actor = { keyId: 'demo', name: 'demo (Kon Rẫy 2024)', role: 'admin' };
