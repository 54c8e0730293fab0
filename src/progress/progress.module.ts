import { Module } from '@nestjs/common';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';

// Read-only aggregates: GET /periods/:id/status, GET /periods/:id/indicators, GET /scorecards.
@Module({ controllers: [ProgressController], providers: [ProgressRepository, ProgressService], exports: [ProgressService] })
export class ProgressModule {}
