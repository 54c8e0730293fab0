import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitsModule } from '../units/units.module';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { IndicatorTargetsRepository } from './indicator-targets.repository';
import { IndicatorTargetsService } from './indicator-targets.service';
import { IndicatorEntity } from './indicator.entity';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [TypeOrmModule.forFeature([IndicatorEntity, IndicatorTargetEntity]), UnitsModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsRepository, IndicatorsService, IndicatorTargetsRepository, IndicatorTargetsService],
  exports: [IndicatorsService, IndicatorTargetsService],
})
export class IndicatorsModule {}
