import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { badRequestPage, csrfFailedPage, notFoundPage, serverErrorPage, tooLargePage, tooManyRequestsPage } from './portal-layout';
import { PortalRateLimited } from './portal-rate-limit';
import { PortalResponse, sendPortalResponse } from './portal-response';

// From the page's URL to /portal/, for the stylesheet link of an error page.
export function relativeBase(url: string): string {
  const path = url.split('?')[0];
  const depth = path.split('/').length - 2;
  if (depth <= 0) return 'portal/';
  return '../'.repeat(depth - 1);
}

// The portal answers in HTML, in Vietnamese, with its security headers, whatever went wrong; the
// global HttpExceptionFilter answers the admin API in JSON.
@Catch()
export class PortalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PortalExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    sendPortalResponse(http.getResponse<FastifyReply>(), this.pageFor(exception, relativeBase(request.url)));
  }

  private pageFor(exception: unknown, base: string): PortalResponse {
    if (exception instanceof PortalRateLimited) {
      return { kind: 'page', status: 429, html: tooManyRequestsPage(exception.retryAfterSeconds, base), headers: { 'retry-after': String(exception.retryAfterSeconds) } };
    }
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 404) return { kind: 'page', status, html: notFoundPage(base) };
    if (status === 403) return { kind: 'page', status, html: csrfFailedPage() };
    if (status === 413) return { kind: 'page', status, html: tooLargePage() };
    if (status >= 400 && status < 500) return { kind: 'page', status, html: badRequestPage() };
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { kind: 'page', status: 500, html: serverErrorPage() };
  }
}
