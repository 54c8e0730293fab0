import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/roles';
import { CSRF_COOKIE, readCookie } from './portal-csrf';
import { PortalNotFound } from './portal-errors';
import { PortalExceptionFilter } from './portal-exception.filter';
import { readPortalForm } from './portal-multipart';
import { PortalRateLimitGuard } from './portal-rate-limit';
import { sendPortalResponse } from './portal-response';
import { PORTAL_CSS } from './portal-stylesheet';
import { PortalService } from './portal.service';

// The unit's report form, outside /api/v1 and without an API key: the link's token is the key.
@ApiTags('portal')
@Public()
@UseFilters(PortalExceptionFilter)
@Controller('portal')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Get('assets/portal.css')
  @ApiOperation({ summary: "The portal pages' stylesheet" })
  @ApiProduces('text/css')
  stylesheet(@Res() reply: FastifyReply): void {
    sendPortalResponse(reply, { kind: 'stylesheet', css: PORTAL_CSS });
  }

  @Get()
  @ApiExcludeEndpoint()
  @UseGuards(PortalRateLimitGuard)
  root(): never {
    throw new PortalNotFound();
  }

  @Get(':token')
  @UseGuards(PortalRateLimitGuard)
  @ApiOperation({ summary: "The unit's report form for the period (HTML, Vietnamese)", description: 'An unknown, expired or replaced link → the same 404 page.' })
  @ApiParam({ name: 'token', description: 'from the link the unit received' })
  @ApiQuery({ name: 'flash', required: false, enum: ['draft', 'submitted'], description: 'the message shown after a save' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'the form, or the report read-only once sent' })
  @ApiResponse({ status: 404, description: 'unknown, expired or replaced link' })
  @ApiResponse({ status: 429, description: 'too many requests; Retry-After says when to try again' })
  async show(@Param('token') token: string, @Query('flash') flash: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPortalResponse(reply, await this.portal.show(token, { flash, csrfCookie: readCookie(request.headers.cookie, CSRF_COOKIE) }));
  }

  @Post(':token')
  @UseGuards(PortalRateLimitGuard)
  @ApiOperation({
    summary: 'Save the report as a draft (action=draft) or send it (action=submit), with files; or remove a file (remove=<attachment id>)',
    description:
      'multipart/form-data as the form posts it, with its CSRF field and cookie, and up to 5 files (field files: PDF, DOCX, XLSX, JPG, PNG, at most 10 MB each, judged by content). ' +
      '303 to the page with a message, or the form again with its errors (a refused file: nothing of the post is saved). A removal answers the page again, as typed, with a message.',
  })
  @ApiParam({ name: 'token', description: 'from the link the unit received' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'a file removed; the form as typed, not saved' })
  @ApiResponse({ status: 303, description: 'saved; the page shows a message' })
  @ApiResponse({ status: 400, description: 'the form with each wrong field marked; nothing saved' })
  @ApiResponse({ status: 403, description: 'missing or wrong CSRF token; nothing saved' })
  @ApiResponse({ status: 409, description: 'the report is sent or accepted and cannot be edited; nothing saved' })
  async save(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPortalResponse(reply, await this.portal.save(token, { csrfCookie: readCookie(request.headers.cookie, CSRF_COOKIE), readForm: () => readPortalForm(request) }));
  }
}
