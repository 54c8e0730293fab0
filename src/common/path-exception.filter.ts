import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

export interface PathFilter {
  // Requests whose path starts with this get `filter`.
  prefix: string;
  filter: ExceptionFilter;
}

// The global exception filter: the filter of the first matching path prefix, else the fallback.
// Errors raised before a route is chosen (a body over the limit, malformed JSON) reach only
// global filters, so a part of the site with its own kind of error answer (the portal's HTML
// pages) is named here as well as on its controllers.
@Catch()
export class PathExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly paths: PathFilter[],
    private readonly fallback: ExceptionFilter,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const url = host.switchToHttp().getRequest<FastifyRequest>().url;
    const match = this.paths.find((path) => url.startsWith(path.prefix));
    (match?.filter ?? this.fallback).catch(exception, host);
  }
}
