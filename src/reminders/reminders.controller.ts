import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { ReminderPolicy } from './reminder-policy';
import { ReminderPolicyService } from './reminder-policy.service';
import { ReminderPage, ReminderPolicyDto, ReminderQuery, ReminderResponse, RunQuery, RunResponse } from './reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly policies: ReminderPolicyService,
  ) {}

  @Get('reminder-policy')
  @ApiOkResponse({ type: ReminderPolicyDto })
  policy(): Promise<ReminderPolicy> {
    return this.policies.current();
  }

  // The whole policy is required; validatePolicy names each wrong or unknown field.
  @Put('reminder-policy')
  @ApiBody({ type: ReminderPolicyDto })
  @ApiOkResponse({ type: ReminderPolicyDto })
  replacePolicy(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<ReminderPolicy> {
    return this.policies.replace(body, actor);
  }

  @Get('reminders')
  @ApiOkResponse({ type: ReminderPage })
  list(@Query() query: ReminderQuery): Promise<ReminderPage> {
    return this.reminders.list(query);
  }

  @Post('reminders/run')
  @HttpCode(200)
  @ApiOkResponse({ type: RunResponse })
  run(@Query() query: RunQuery): Promise<RunResponse> {
    return this.reminders.run(query.dryRun ?? false);
  }

  @Post('reminders/:id/retry')
  @HttpCode(202)
  @ApiOkResponse({ type: ReminderResponse })
  retry(@Param('id', uuidParam()) id: string): Promise<ReminderResponse> {
    return this.reminders.retry(id);
  }
}
