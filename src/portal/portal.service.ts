import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AttachmentRejected } from '../attachments/attachment-rejected';
import { AttachmentsService } from '../attachments/attachments.service';
import { ErrorBody } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { SubmissionsService } from '../submissions/submissions.service';
import { csrfCookieOptions, csrfMatches, csrfSetCookie, generateCsrfToken } from './portal-csrf';
import { PortalCsrfFailed, PortalNotFound } from './portal-errors';
import { checkPostedFiles, FILE_MESSAGES, FILES_FIELD, REMOVE_FIELD, removedNotice } from './portal-attachments';
import { CSRF_FIELD, FormErrors, FormValues, MESSAGES, parsePortalForm, PostedField, postedFormValues, storedFormValues, valueFieldName } from './portal-form';
import { PostedForm } from './portal-multipart';
import { renderPortalPage } from './portal-page';
import { PortalResponse } from './portal-response';
import { hashToken, isWellFormedToken } from './portal-token';
import { PortalAccess, PortalTokensRepository } from './portal-tokens.repository';
import { Flash, isReadOnly } from './portal-view';
import { LoadedPortal, PortalViews } from './portal-views.service';

export const PORTAL_ACTOR = { name: 'portal' } as const;

export interface ShowRequest {
  flash: string | undefined;
  // The CSRF cookie the browser sent, if any and well formed.
  csrfCookie: string | null;
}

export interface SaveRequest {
  csrfCookie: string | null;
  // Reads the posted form and its files; called once the link is known to work.
  readForm: () => Promise<PostedForm>;
}

type PageContent = { flash: Flash | null; form: FormValues; errors: FormErrors | null; notice?: string | null; filesNote?: string | null };

const LOCKED_MESSAGES = {
  submitted: 'Báo cáo đã được gửi và đang chờ Thường trực Ban Chỉ đạo xem xét nên không sửa được. Nội dung vừa nhập chưa được lưu.',
  accepted: 'Báo cáo đã được tiếp nhận nên không sửa được. Nội dung vừa nhập chưa được lưu.',
  changed: 'Báo cáo vừa được thay đổi ở nơi khác nên nội dung vừa nhập chưa được lưu. Vui lòng xem lại rồi gửi lại.',
};

// Files chosen in a post that saved nothing cannot be shown again: the unit must choose them again.
function filesNotKept(posted: PostedForm): string | null {
  return posted.files.length + posted.dropped > 0 ? FILE_MESSAGES.notKept : null;
}

function flashOf(text: string | undefined): Flash | null {
  return text === 'draft' || text === 'submitted' ? text : null;
}

// The unit's page: shown from a link's token, saved as a draft or sent through SubmissionsService
// (actor "portal"), so the portal follows exactly the rules of the admin API's PUT.
@Injectable()
export class PortalService {
  constructor(
    private readonly tokens: PortalTokensRepository,
    private readonly views: PortalViews,
    private readonly submissions: SubmissionsService,
    private readonly attachments: AttachmentsService,
    private readonly clock: ClockService,
  ) {}

  async show(token: string, request: ShowRequest): Promise<PortalResponse> {
    const loaded = await this.views.load(await this.access(token));
    const form = this.storedForm(loaded);
    return this.page(200, token, loaded, request.csrfCookie, { flash: flashOf(request.flash), form, errors: null });
  }

  async save(token: string, request: SaveRequest): Promise<PortalResponse> {
    const access = await this.access(token);
    const posted = await request.readForm();
    if (!csrfMatches(request.csrfCookie, posted.fields.find((field) => field.name === CSRF_FIELD)?.value)) throw new PortalCsrfFailed();
    const loaded = await this.views.load(access);
    const status = loaded.view.submission?.status;
    if (status === 'submitted' || status === 'accepted') return this.refused(token, loaded, request.csrfCookie, LOCKED_MESSAGES[status]);
    const remove = posted.fields.find((field) => field.name === REMOVE_FIELD)?.value;
    if (remove !== undefined) return this.removeFile(token, access, loaded, request.csrfCookie, posted, remove);
    const parsed = parsePortalForm(posted.fields, loaded.context);
    const files = checkPostedFiles(posted, loaded.view.attachments.length);
    if (!parsed.ok || !files.ok) {
      const errors: FormErrors = parsed.ok ? { fields: {}, form: [] } : parsed.errors;
      if (!files.ok) errors.fields[FILES_FIELD] = files.message;
      const form = parsed.ok ? postedFormValues(posted.fields, loaded.context) : parsed.values;
      return this.page(400, token, loaded, request.csrfCookie, { flash: null, form, errors, filesNote: filesNotKept(posted) });
    }
    const refusal = await this.attach(access, files.uploads);
    if (refusal) return this.fileRefused(token, access, request.csrfCookie, posted.fields, refusal);
    try {
      await this.submissions.upsert(access.periodId, access.unitId, parsed.update, PORTAL_ACTOR);
    } catch (error) {
      // The files are in: the page shows them, and the unit fixes the report only.
      if (error instanceof BadRequestException)
        return this.rejected(token, files.uploads.length ? await this.views.load(access) : loaded, request.csrfCookie, posted.fields, error);
      if (error instanceof ConflictException) return this.changedMeanwhile(token, access, request.csrfCookie, posted.fields);
      throw error;
    }
    return { kind: 'redirect', location: `${token}?flash=${parsed.action === 'submit' ? 'submitted' : 'draft'}` };
  }

  private async access(token: string): Promise<PortalAccess> {
    const access = isWellFormedToken(token) ? await this.tokens.findWorking(hashToken(token), this.clock.now()) : null;
    if (!access) throw new PortalNotFound();
    return access;
  }

  private storedForm(loaded: LoadedPortal): FormValues {
    const submission = loaded.view.submission;
    return storedFormValues(submission?.sections ?? {}, submission?.values ?? {}, loaded.context);
  }

  // The report could not be changed: the page as it now is, with the reason on top.
  private refused(token: string, loaded: LoadedPortal, csrfCookie: string | null, message: string): PortalResponse {
    return this.page(409, token, loaded, csrfCookie, { flash: null, form: this.storedForm(loaded), errors: { fields: {}, form: [message] } });
  }

  // Accepted, or changed by the secretariat, between reading and writing: the page as it now is,
  // still with what the unit typed when it can edit.
  private async changedMeanwhile(token: string, access: PortalAccess, csrfCookie: string | null, fields: PostedField[]): Promise<PortalResponse> {
    const loaded = await this.views.load(access);
    const form = isReadOnly(loaded.view) ? this.storedForm(loaded) : postedFormValues(fields, loaded.context);
    return this.page(409, token, loaded, csrfCookie, { flash: null, form, errors: { fields: {}, form: [LOCKED_MESSAGES.changed] } });
  }

  // SubmissionsService refused what the form allowed (an indicator deactivated meanwhile, say):
  // its field errors shown on the form as far as they name a field of it.
  private rejected(token: string, loaded: LoadedPortal, csrfCookie: string | null, fields: PostedField[], error: BadRequestException): PortalResponse {
    const body = error.getResponse() as Partial<ErrorBody>;
    const byCode = new Map(loaded.context.indicators.map((indicator) => [indicator.code, indicator.id]));
    const errors: FormErrors = { fields: {}, form: [] };
    for (const detail of body.details ?? []) {
      const indicatorId = detail.field.startsWith('values.') ? byCode.get(detail.field.slice('values.'.length)) : undefined;
      if (indicatorId) errors.fields[valueFieldName(indicatorId)] = 'Chỉ tiêu này không còn nhận số liệu; vui lòng tải lại trang';
      else if (detail.field.startsWith('taskUpdates')) errors.form.push(MESSAGES.foreignTask);
      else errors.form.push(MESSAGES.unknownField);
    }
    if (errors.form.length === 0 && Object.keys(errors.fields).length === 0) errors.form.push(MESSAGES.unknownField);
    const form = postedFormValues(fields, loaded.context);
    return this.page(400, token, loaded, csrfCookie, { flash: null, form, errors: { fields: errors.fields, form: [...new Set(errors.form)] } });
  }

  // Each file through AttachmentsService, which checks it again: a refusal there (another post
  // filled the report meanwhile, or it was accepted) stops at that file.
  private async attach(access: PortalAccess, uploads: Array<{ filename: string; content: Buffer }>): Promise<AttachmentRejected | null> {
    for (const upload of uploads) {
      try {
        await this.attachments.add(access.periodId, access.unitId, upload, PORTAL_ACTOR);
      } catch (error) {
        if (error instanceof AttachmentRejected) return error;
        throw error;
      }
    }
    return null;
  }

  private async fileRefused(token: string, access: PortalAccess, csrfCookie: string | null, fields: PostedField[], refusal: AttachmentRejected): Promise<PortalResponse> {
    const loaded = await this.views.load(access);
    const form = isReadOnly(loaded.view) ? this.storedForm(loaded) : postedFormValues(fields, loaded.context);
    return this.page(refusal.getStatus(), token, loaded, csrfCookie, { flash: null, form, errors: { fields: { [FILES_FIELD]: refusal.messageVi }, form: [] } });
  }

  // A "Xóa" button: that file goes, only if it is one of the unit's own for the period; the rest
  // of the form is shown again as typed, not saved (a removal is not a "Lưu nháp").
  private async removeFile(token: string, access: PortalAccess, loaded: LoadedPortal, csrfCookie: string | null, posted: PostedForm, id: string): Promise<PortalResponse> {
    const form = postedFormValues(posted.fields, loaded.context);
    const filesNote = filesNotKept(posted);
    const file = loaded.view.attachments.find((attachment) => attachment.id === id.toLowerCase());
    const failed = (status: number, message: string) =>
      this.page(status, token, loaded, csrfCookie, { flash: null, form, errors: { fields: { [FILES_FIELD]: message }, form: [] }, filesNote });
    if (!file) return failed(400, FILE_MESSAGES.removeGone);
    try {
      await this.attachments.remove(file.id, access.periodId, access.unitId, PORTAL_ACTOR);
    } catch (error) {
      if (error instanceof AttachmentRejected) return failed(error.getStatus(), error.messageVi);
      if (error instanceof NotFoundException) return failed(400, FILE_MESSAGES.removeGone);
      throw error;
    }
    return this.page(200, token, await this.views.load(access), csrfCookie, { flash: null, form, errors: null, notice: removedNotice(file.filename), filesNote });
  }

  private page(status: number, token: string, loaded: LoadedPortal, csrfCookie: string | null, state: PageContent): PortalResponse {
    const csrfToken = csrfCookie ?? generateCsrfToken();
    const html = renderPortalPage(loaded.view, { token, csrfToken, ...state });
    const headers: Record<string, string> = csrfCookie ? {} : { 'set-cookie': csrfSetCookie(csrfToken, csrfCookieOptions(loaded.portalBaseUrl)) };
    return { kind: 'page', status, html, headers };
  }
}
