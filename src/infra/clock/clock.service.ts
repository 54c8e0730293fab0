import { Injectable } from '@nestjs/common';

// The only source of "now" for business rules. With CLOCK_START the process runs as if it had
// started at that instant and time moves on from there; tests move it with travelTo/advance.
@Injectable()
export class ClockService {
  private offsetMs = 0;

  constructor(start?: Date) {
    if (start) this.travelTo(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
