import { INestApplicationContext } from '@nestjs/common';
import { HolidaysService } from '../holidays/holidays.service';
import { IndicatorTargetsService } from '../indicators/indicator-targets.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { BootLogger } from '../infra/logger';
import { SettingsService } from '../settings/settings.service';
import { UnitQuery } from '../units/units.dto';
import { UnitsService } from '../units/units.service';
import { DemoData, localityOf } from './demo-data';
import { DEMO_ACTOR } from './demo-actor';
import { loadPeriods } from './demo-periods';

export interface DemoSummary {
  units: number;
  indicators: number;
  periods: number;
  tasks: number;
  submissions: number;
}

// Loads the demo data set through the application's own services, as a secretariat would enter
// it, up to the service's clock: what was recorded later is left out. Everything already there is
// skipped, so loading again changes nothing.
// options.portalBaseUrl is where the demo's reminders point units to (the local service); a portal
// address already in the settings is kept.
export async function loadDemo(app: INestApplicationContext, data: DemoData, now: Date, logger: BootLogger, options: { portalBaseUrl?: string } = {}): Promise<DemoSummary> {
  await loadSettings(app, data, options.portalBaseUrl);
  const unitIds = await loadUnits(app, data);
  const indicators = await loadIndicators(app, data);
  await loadHolidays(app, data);
  const loaded = await loadPeriods(app, data, unitIds, now);
  const summary = { units: unitIds.size, indicators, ...loaded };
  logger.info(`demo data loaded as of ${now.toISOString()}: ${JSON.stringify(summary)}`);
  return summary;
}

async function loadSettings(app: INestApplicationContext, data: DemoData, portalBaseUrl: string | undefined): Promise<void> {
  const { program } = data;
  const settings = app.get(SettingsService);
  const current = await settings.get();
  await settings.update(
    {
      programName: program.name,
      committeeName: program.committee,
      secretariatName: program.secretariat,
      secretariatEmail: program.secretariatEmail,
      chairTitle: program.chair,
      timezone: program.timezone,
      locality: localityOf(program.committee),
      ...(portalBaseUrl && !current.portalBaseUrl ? { portalBaseUrl } : {}),
    },
    DEMO_ACTOR,
  );
}

async function loadUnits(app: INestApplicationContext, data: DemoData): Promise<Map<string, string>> {
  const units = app.get(UnitsService);
  const existing = await units.list(Object.assign(new UnitQuery(), { limit: 500 }));
  const ids = new Map(existing.items.map((unit) => [unit.code.toUpperCase(), unit.id]));
  for (const unit of data.units) {
    if (ids.has(unit.code.toUpperCase())) continue;
    const created = await units.create({ code: unit.code, name: unit.name, kind: unit.kind, emails: unit.emails, headEmail: unit.headEmail }, DEMO_ACTOR);
    ids.set(unit.code.toUpperCase(), created.id);
  }
  return ids;
}

async function loadIndicators(app: INestApplicationContext, data: DemoData): Promise<number> {
  const indicators = app.get(IndicatorsService);
  const known = new Map((await indicators.all({})).map((indicator) => [indicator.code.toUpperCase(), indicator.id]));
  for (const [position, indicator] of data.indicators.entries()) {
    if (known.has(indicator.code.toUpperCase())) continue;
    const created = await indicators.create({ ...indicator, position: position + 1 }, DEMO_ACTOR);
    known.set(indicator.code.toUpperCase(), created.id);
  }
  const targets = app.get(IndicatorTargetsService);
  for (const target of data.targets) {
    const indicatorId = known.get(target.indicator.toUpperCase());
    if (indicatorId) await targets.upsert(indicatorId, [{ year: target.year, value: target.value }], DEMO_ACTOR);
  }
  return data.indicators.length;
}

// The data set's holidays are added to the year's calendar; seeded entries it does not list stay.
async function loadHolidays(app: INestApplicationContext, data: DemoData): Promise<void> {
  const holidays = app.get(HolidaysService);
  const years = [...new Set(data.holidays.map((holiday) => Number(holiday.date.slice(0, 4))))];
  for (const year of years) {
    const current = await holidays.list({ year });
    const dates = new Set(current.map((holiday) => holiday.date));
    const added = data.holidays.filter((holiday) => holiday.date.startsWith(`${year}-`) && !dates.has(holiday.date));
    if (added.length === 0) continue;
    await holidays.replaceYear(year, [...current, ...added.map((holiday) => ({ ...holiday, kind: 'holiday' as const }))], DEMO_ACTOR);
  }
}
