import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { conflict, invalidField, notFound } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ClockService } from '../infra/clock/clock.service';
import { PeriodsService } from '../periods/periods.service';
import { SettingsRepository } from '../settings/settings.repository';
import { UnitsRepository } from '../units/units.repository';
import { PortalLinkResponse, toPortalLinkResponse } from './portal-links.dto';
import { generateToken, hashToken, linkExpiresAt, PORTAL_LINK_LIFETIME_MS, portalUrl } from './portal-token';
import { PortalTokensRepository } from './portal-tokens.repository';
import { loadReminderLinkKey, reminderLinkHash, reminderLinkToken } from './reminder-link-key';

export const PORTAL_LINK_AUDIT_ENTITY = 'portal_link';

export interface PortalLink {
  url: string;
  expiresAt: Date;
}

// A reminder's own link, derived from its id (reminder-link-key.ts): it works once the sweep that
// recorded the reminder has stored its hash.
export interface DerivedReminderLink {
  url: string;
  tokenHash: string;
}

export interface IssueOptions {
  // Revoke every earlier link of the unit for the period (the admin route); reminders keep them.
  replaceOlder: boolean;
  // Recorded as the link's creator and in the audit log; 'system' when absent.
  actor?: Pick<Actor, 'name'>;
}

interface PendingReminderLink {
  tokenHash: string;
  reminderId: string;
  resolve(issued: { expiresAt: Date } | null): void;
  reject(error: Error): void;
}

@Injectable()
export class PortalLinksService {
  private readonly logger = new Logger(PortalLinksService.name);
  private readonly reminderLinks: PendingReminderLink[] = [];
  private writingReminderLinks = false;
  private reminderKey?: Promise<Buffer | null>;

  constructor(
    private readonly tokens: PortalTokensRepository,
    private readonly periods: PeriodsService,
    private readonly units: UnitsRepository,
    private readonly settings: SettingsRepository,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The hashes of the links the sweep records with new reminders, by reminder id; empty without a
   * portal base URL or without a key (their sends then issue links one by one, issueForReminder).
   */
  async reminderLinkHashes(reminderIds: string[], portalBaseUrl: string | null): Promise<Map<string, string>> {
    const key = portalBaseUrl ? await this.key() : null;
    return new Map(key ? reminderIds.map((id) => [id, reminderLinkHash(key, id)]) : []);
  }

  // The link a send puts in the reminder's digest when the sweep stored its hash; null without a
  // portal base URL or a key.
  async derivedReminderLink(reminderId: string, portalBaseUrl: string | null): Promise<DerivedReminderLink | null> {
    const key = portalBaseUrl ? await this.key() : null;
    if (!portalBaseUrl || !key) return null;
    const token = reminderLinkToken(key, reminderId);
    return { url: portalUrl(portalBaseUrl, token), tokenHash: hashToken(token) };
  }

  // Loaded once. A data directory that cannot hold the key costs speed, not mail: every reminder
  // then gets a link issued at its send.
  private key(): Promise<Buffer | null> {
    this.reminderKey ??= loadReminderLinkKey(this.config.portalLinkSecret, this.config.dataDir).catch((error: Error) => {
      this.logger.warn(`no key for reminder links (${error.message}); each reminder's link is issued as it is sent`);
      return null;
    });
    return this.reminderKey;
  }

  /**
   * A new link to the unit's form for the period, valid until 30 days after the briefing; null
   * when settings.portalBaseUrl is not set or the link would already have expired (reminders then
   * go without a link). 404 for an unknown period or unit.
   */
  async issue(periodId: string, unitId: string, options: IssueOptions): Promise<PortalLink | null> {
    const [period, unit, settings] = await Promise.all([this.periods.require(periodId), this.units.findById(unitId), this.settings.get()]);
    if (!unit) throw notFound('unit', unitId);
    const now = this.clock.now();
    const expiresAt = linkExpiresAt(period.briefingAt);
    if (!settings.portalBaseUrl || expiresAt.getTime() <= now.getTime()) return null;
    const token = generateToken();
    const createdBy = options.actor?.name ?? 'system';
    const changes = { periodId: { to: period.id }, unitId: { to: unit.id }, expiresAt: { to: expiresAt.toISOString() } };
    await this.tokens.issue(
      { tokenHash: hashToken(token), periodId: period.id, unitId: unit.id, createdAt: now, expiresAt, createdBy },
      { replaceOlder: options.replaceOlder },
      { at: now, actor: createdBy, action: 'create', entity: PORTAL_LINK_AUDIT_ENTITY, changes },
    );
    return { url: portalUrl(settings.portalBaseUrl, token), expiresAt };
  }

  /**
   * A link issued for a reminder as it is sent, when the one derived from its id does not work (the
   * sweep had no key or no portal base URL, or the secretariat replaced the unit's links since): a
   * new random one (older reminders' links keep working), issued only while the reminder is queued;
   * null without a portal base URL or once the portal of the period has closed. Not audited one by
   * one: the reminder row records the send.
   * Sends running at the same time share one INSERT (and one commit): the next batch is written
   * when the previous one is done.
   */
  async issueForReminder(reminderId: string, portalBaseUrl: string | null): Promise<PortalLink | null> {
    if (!portalBaseUrl) return null;
    const token = generateToken();
    const issued = await new Promise<{ expiresAt: Date } | null>((resolve, reject) => {
      this.reminderLinks.push({ tokenHash: hashToken(token), reminderId, resolve, reject });
      if (!this.writingReminderLinks) this.writeReminderLinks();
    });
    return issued ? { url: portalUrl(portalBaseUrl, token), expiresAt: issued.expiresAt } : null;
  }

  private writeReminderLinks(): void {
    const batch = this.reminderLinks.splice(0);
    if (batch.length === 0) {
      this.writingReminderLinks = false;
      return;
    }
    this.writingReminderLinks = true;
    void this.tokens
      .insertForReminders(batch, this.clock.now(), PORTAL_LINK_LIFETIME_MS)
      .then(
        (rows) => {
          const expiries = new Map(rows.map((row) => [row.tokenHash, row.expiresAt]));
          for (const link of batch) link.resolve(expiries.has(link.tokenHash) ? { expiresAt: expiries.get(link.tokenHash)! } : null);
        },
        (error: Error) => batch.forEach((link) => link.reject(error)),
      )
      .finally(() => this.writeReminderLinks());
  }

  // POST /periods/:id/units/:unitId/portal-link: a new link that replaces the unit's older ones.
  async replace(periodId: string, unitId: string, actor: Actor): Promise<PortalLinkResponse> {
    const [period, unit, settings] = await Promise.all([this.periods.require(periodId), this.units.findById(unitId), this.settings.get()]);
    if (!unit) throw notFound('unit', unitId);
    if (!unit.active) throw conflict(`unit ${unit.code} is inactive; it cannot report`, 'unitId');
    if (!settings.portalBaseUrl) throw invalidField('portalBaseUrl', 'is not set in the settings; set it with PATCH /api/v1/settings before issuing portal links');
    const expiresAt = linkExpiresAt(period.briefingAt);
    if (expiresAt.getTime() <= this.clock.now().getTime()) {
      throw conflict(`the portal for this period closed at ${expiresAt.toISOString()}, 30 days after its briefing`, 'periodId');
    }
    const link = await this.issue(period.id, unit.id, { replaceOlder: true, actor });
    if (!link) throw conflict('the portal link could not be issued; the settings or the period changed meanwhile, try again');
    return toPortalLinkResponse(link);
  }
}
