import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ErrorBody, errorBody } from './errors';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'statusCode' in response && 'error' in response && typeof (response as ErrorBody).message === 'string') {
    return response as ErrorBody;
  }
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return errorBody(status, Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message);
}

// Fastify rejects some requests before they reach a route (body too large, malformed JSON,
// unsupported content type); those errors carry their own 4xx status.
function fromFastifyError(error: FastifyLikeError): ErrorBody | undefined {
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errorBody(413, 'request body is larger than the limit');
  return errorBody(
    status,
    error.message ?? 'bad request',
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? [{ field: 'body', message: 'is not valid JSON' }] : undefined,
  );
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // The Fastify adapter wraps Fastify's own 4xx errors in an HttpException with the original as cause.
    const cause = exception instanceof HttpException ? exception.cause : exception;
    const fastifyBody = typeof cause === 'object' && cause !== null && 'code' in cause ? fromFastifyError(cause as FastifyLikeError) : undefined;
    const body = fastifyBody ?? (exception instanceof HttpException ? fromHttpException(exception) : this.internal(exception));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private internal(exception: unknown): ErrorBody {
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return errorBody(500, 'internal server error');
  }
}
