import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'secretariat', 'viewer'] as const;
export type ApiRole = (typeof ROLES)[number];

// Who made a request: the API key's name is what the audit log records.
export interface Actor {
  keyId: string;
  name: string;
  role: ApiRole;
}

export const PUBLIC_ROUTE = 'giaoban:public';
export const REQUIRED_ROLE = 'giaoban:required-role';

// Outside the admin API: health, the portal.
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

// A role beyond the default (GET: any role; anything else: secretariat or admin).
export const RequireRole = (role: ApiRole) => SetMetadata(REQUIRED_ROLE, role);

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

export function roleAllows(role: ApiRole, method: string, required: ApiRole | undefined): boolean {
  if (required === 'admin') return role === 'admin';
  if (method === 'GET' || method === 'HEAD') return true;
  return role !== 'viewer';
}
