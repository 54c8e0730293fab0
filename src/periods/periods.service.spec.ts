import { BadRequestException, ConflictException } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { ClockService } from '../infra/clock/clock.service';
import { PeriodEntity } from './period.entity';
import { CreatePeriodDto } from './periods.dto';
import { PeriodsRepository } from './periods.repository';
import { PeriodsService } from './periods.service';
import { ReportExtensionsRepository } from './report-extensions.repository';
import { TasksService } from '../tasks/tasks.service';

const ACTOR: Actor = { keyId: 'k', name: 'Văn phòng BCĐ', role: 'secretariat' };
const NOW = new Date('2024-04-01T01:00:00Z');
const DTO: CreatePeriodDto = { year: 2024, quarter: 2, reportDueAt: '2024-06-14T17:00:00+07:00', briefingAt: '2024-06-25T08:00:00+07:00', fromTemplates: true };

// A unique violation as TypeORM wraps it.
const DUPLICATE = Object.assign(new Error('duplicate key value'), { driverError: { code: '23505', constraint: 'periods_year_quarter' } });

function setUp(createFromTemplates: () => Promise<number>, createError?: Error) {
  const create = jest.fn((period: Omit<PeriodEntity, 'id'>) =>
    createError ? Promise.reject(createError) : Promise.resolve(Object.assign(new PeriodEntity(), period, { id: 'p-1' })),
  );
  const remove = jest.fn(() => Promise.resolve());
  const tasks = { createFromTemplates: jest.fn(createFromTemplates) };
  const service = new PeriodsService({ create, remove } as unknown as PeriodsRepository, {} as ReportExtensionsRepository, new ClockService(NOW), tasks as unknown as TasksService);
  return { service, create, remove, tasks };
}

describe(PeriodsService.name, () => {
  describe('create', () => {
    it('should create the tasks for the new period and report their number when fromTemplates is true', async () => {
      const { service, tasks, remove } = setUp(() => Promise.resolve(3));
      await expect(service.create(DTO, ACTOR)).resolves.toMatchObject({ id: 'p-1', label: 'Quý II/2024', tasksCreated: 3 });
      expect(tasks.createFromTemplates).toHaveBeenCalledWith({ id: 'p-1', year: 2024, quarter: 2 }, ACTOR);
      expect(remove).not.toHaveBeenCalled();
    });

    it('should not ask for tasks when fromTemplates is absent', async () => {
      const { service, tasks } = setUp(() => Promise.resolve(3));
      const created = await service.create({ ...DTO, fromTemplates: undefined }, ACTOR);
      expect(created).not.toHaveProperty('tasksCreated');
      expect(tasks.createFromTemplates).not.toHaveBeenCalled();
    });

    it('should delete the period again and rethrow when the template tasks fail', async () => {
      const failure = new Error('templates failed');
      const { service, remove } = setUp(() => Promise.reject(failure));
      await expect(service.create(DTO, ACTOR)).rejects.toBe(failure);
      expect(remove).toHaveBeenCalledWith('p-1', expect.objectContaining({ action: 'delete', entity: 'period', entityId: 'p-1', actor: ACTOR.name }));
    });

    it('should answer 400 before writing when the report is due after the briefing', async () => {
      const { service, create } = setUp(() => Promise.resolve(0));
      await expect(service.create({ ...DTO, reportDueAt: '2024-06-26T00:00:00+07:00' }, ACTOR)).rejects.toBeInstanceOf(BadRequestException);
      expect(create).not.toHaveBeenCalled();
    });

    it('should answer 409 when the database reports the quarter taken', async () => {
      const { service, tasks } = setUp(() => Promise.resolve(0), DUPLICATE);
      await expect(service.create(DTO, ACTOR)).rejects.toBeInstanceOf(ConflictException);
      expect(tasks.createFromTemplates).not.toHaveBeenCalled();
    });
  });
});
