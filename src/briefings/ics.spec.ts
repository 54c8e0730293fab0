import ICAL from 'ical.js';
import { meetingInvite } from './ics';

const invite = {
  uid: 'briefing-2024-q2@giaoban',
  sequence: 1,
  start: new Date('2024-07-03T08:00:00+07:00'),
  durationMinutes: 180,
  timeZone: 'Asia/Ho_Chi_Minh',
  summary: 'Hội nghị giao ban Cuộc vận động quý II/2024',
  description: 'Kính mời đồng chí dự hội nghị; tài liệu gửi kèm, xem trước.',
  location: 'Hội trường UBND xã Đăk Ruồng',
  organizer: { name: 'Ban Dân vận Huyện ủy', email: 'bandanvan@konray.gov.example' },
  attendees: ['mttq@konray.gov.example', 'dakruong@konray.gov.example'],
  stamp: new Date('2024-07-01T02:00:00Z'),
};

describe('meetingInvite', () => {
  it('should parse as a REQUEST whose start is the meeting instant in the committee’s zone', () => {
    const calendar = new ICAL.Component(ICAL.parse(meetingInvite(invite)));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    const timezone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    event.startDate.zone = timezone;
    expect(event.startDate.toJSDate().toISOString()).toBe('2024-07-03T01:00:00.000Z');
    expect(event.endDate.toString()).toContain('2024-07-03T11:00:00');
    expect(event.summary).toBe('Hội nghị giao ban Cuộc vận động quý II/2024');
    expect(event.location).toBe('Hội trường UBND xã Đăk Ruồng');
    expect(event.description).toBe('Kính mời đồng chí dự hội nghị; tài liệu gửi kèm, xem trước.');
    expect(event.organizer).toBe('mailto:bandanvan@konray.gov.example');
    expect(event.attendees.map((attendee) => attendee.getFirstValue())).toEqual(['mailto:mttq@konray.gov.example', 'mailto:dakruong@konray.gov.example']);
  });

  it('should state the zone on the start time and fold long lines without breaking characters', () => {
    const text = meetingInvite({ ...invite, description: 'Đăk Ruồng '.repeat(30) });
    expect(text).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240703T080000');
    expect(text).toContain('TZOFFSETTO:+0700');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n /g, '')).toContain('Đăk Ruồng Đăk Ruồng');
  });
});
