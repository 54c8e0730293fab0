import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { errorBody } from '../common/errors';
import { AuthService } from './auth.service';
import { Actor, ApiRole, PUBLIC_ROUTE, REQUIRED_ROLE, roleAllows } from './roles';

interface AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

// Every route is behind an API key unless marked @Public().
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException(errorBody(401, 'an API key is required: Authorization: Bearer <key>'));
    const actor = await this.auth.authenticate(match[1]);
    if (!actor) throw new UnauthorizedException(errorBody(401, 'the API key is not valid'));
    const required = this.reflector.getAllAndOverride<ApiRole | undefined>(REQUIRED_ROLE, targets);
    if (!roleAllows(actor.role, request.method, required)) {
      throw new ForbiddenException(errorBody(403, `the ${actor.role} role may not ${request.method} here`));
    }
    request.actor = actor;
    return true;
  }
}
