import { HttpException } from '@nestjs/common';

// The portal's own failures; PortalExceptionFilter renders each as a Vietnamese page.

// An unknown, expired or replaced link (and an inactive unit's): one answer for all.
export class PortalNotFound extends HttpException {
  constructor() {
    super('not found', 404);
  }
}

export class PortalCsrfFailed extends HttpException {
  constructor() {
    super('the form did not carry a valid CSRF token', 403);
  }
}

export class PortalBadForm extends HttpException {
  constructor(reason: string) {
    super(`the form could not be read: ${reason}`, 400);
  }
}

export class PortalTooLarge extends HttpException {
  constructor() {
    super('the form is larger than the limit', 413);
  }
}
