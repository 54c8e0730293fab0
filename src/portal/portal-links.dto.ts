import { ApiProperty } from '@nestjs/swagger';

export class PortalLinkResponse {
  @ApiProperty({
    example: 'https://giaoban.konray.gov.vn/portal/3q2-7wEjr9yQ0n1bKZzL8xVhVZ5m8bT5p0sQdFQk1aE',
    description: "the unit's form for the period; shown once (only its hash is stored)",
  })
  url!: string;

  @ApiProperty({ format: 'date-time', description: '30 days after the briefing meeting' })
  expiresAt!: string;
}

export function toPortalLinkResponse(link: { url: string; expiresAt: Date }): PortalLinkResponse {
  return { url: link.url, expiresAt: link.expiresAt.toISOString() };
}
