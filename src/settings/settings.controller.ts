import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { SendTestEmailDto, SettingsResponse, TestEmailResponse, UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOkResponse({ type: SettingsResponse })
  get(): Promise<SettingsResponse> {
    return this.settings.get();
  }

  @Patch()
  @ApiOkResponse({ type: SettingsResponse })
  update(@Body() dto: UpdateSettingsDto, @CurrentActor() actor: Actor): Promise<SettingsResponse> {
    return this.settings.update(dto, actor);
  }

  @Post('test-email')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: TestEmailResponse })
  sendTestEmail(@Body() dto: SendTestEmailDto): Promise<TestEmailResponse> {
    return this.settings.sendTestEmail(dto);
  }
}
