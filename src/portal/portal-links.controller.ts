import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { PortalLinkResponse } from './portal-links.dto';
import { PortalLinksService } from './portal-links.service';

@ApiTags('portal links')
@ApiBearerAuth()
@Controller('periods')
export class PortalLinksController {
  constructor(private readonly links: PortalLinksService) {}

  @Post(':id/units/:unitId/portal-link')
  @ApiOperation({
    summary: "A new link to the unit's report form for the period; the unit's older links for the period stop working",
    description:
      'Admin and secretariat keys. 404 unknown period or unit; 400 naming portalBaseUrl while the settings have none; 409 inactive unit, or a period whose portal has closed (30 days after its briefing).',
  })
  @ApiCreatedResponse({ type: PortalLinkResponse })
  create(@Param('id', uuidParam()) periodId: string, @Param('unitId', uuidParam('unitId')) unitId: string, @CurrentActor() actor: Actor): Promise<PortalLinkResponse> {
    return this.links.replace(periodId, unitId, actor);
  }
}
