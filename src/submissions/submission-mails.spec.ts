import { acceptedMail, ReviewMailContext, returnedMail } from './submission-mails';

function context(overrides: Partial<ReviewMailContext> = {}): ReviewMailContext {
  return {
    unitName: 'Xã Đăk Ruồng',
    year: 2024,
    quarter: 2,
    reportDueAt: new Date('2024-06-25T17:00:00+07:00'),
    submittedAt: new Date('2024-06-24T16:20:00+07:00'),
    lastSubmittedAt: new Date('2024-06-24T16:20:00+07:00'),
    now: new Date('2024-06-24T18:00:00+07:00'),
    timeZone: 'Asia/Ho_Chi_Minh',
    secretariatName: null,
    committeeName: null,
    ...overrides,
  };
}

describe('submission mails', () => {
  describe('returnedMail', () => {
    it('should ask for changes with the comment and the deadline in Vietnamese when the deadline is ahead', () => {
      const mail = returnedMail(context(), 'Bổ sung số liệu chỉ tiêu.');
      expect(mail.subject).toBe('[Giao ban] Báo cáo quý II/2024 cần bổ sung, chỉnh sửa');
      expect(mail.textBody).toBe(
        [
          'Kính gửi: Xã Đăk Ruồng',
          'Thường trực Ban Chỉ đạo đã xem xét báo cáo quý II/2024 của đơn vị và đề nghị bổ sung, chỉnh sửa như sau:',
          'Bổ sung số liệu chỉ tiêu.',
          'Đề nghị đơn vị hoàn thiện và gửi lại báo cáo trước 17:00 ngày 25/6/2024.',
          'Trân trọng,\nThường trực Ban Chỉ đạo',
        ].join('\n\n'),
      );
    });

    it('should say the deadline has passed when it has', () => {
      const mail = returnedMail(context({ now: new Date('2024-06-26T08:00:00+07:00') }), 'Bổ sung');
      expect(mail.textBody).toContain('Hạn gửi báo cáo là 17:00 ngày 25/6/2024; đề nghị đơn vị hoàn thiện và gửi lại báo cáo trong thời gian sớm nhất.');
    });

    it('should escape the comment in the HTML body and keep its line breaks', () => {
      const mail = returnedMail(context(), 'Dòng 1 <b>\nDòng 2 & "3"');
      expect(mail.htmlBody).toContain('<p>Dòng 1 &#60;b&#62;<br>Dòng 2 &#38; &#34;3&#34;</p>');
      expect(mail.textBody).toContain('Dòng 1 <b>\nDòng 2 & "3"');
    });

    it('should sign with the secretariat and the committee when the settings name them', () => {
      const mail = returnedMail(context({ secretariatName: 'Văn phòng BCĐ', committeeName: 'Ban Chỉ đạo huyện Kon Rẫy' }), 'Bổ sung');
      expect(mail.textBody.endsWith('Trân trọng,\nVăn phòng BCĐ\nBan Chỉ đạo huyện Kon Rẫy')).toBe(true);
    });
  });

  describe('acceptedMail', () => {
    it('should confirm receipt with the time it was sent and on time when it was', () => {
      const mail = acceptedMail(context());
      expect(mail.subject).toBe('[Giao ban] Báo cáo quý II/2024 đã được tiếp nhận');
      expect(mail.textBody).toContain('đã tiếp nhận báo cáo quý II/2024 của đơn vị, gửi lúc 16:20 ngày 24/6/2024 (đúng hạn).');
    });

    it('should say the report came after the deadline when it was first submitted late', () => {
      const late = new Date('2024-06-26T08:00:00+07:00');
      const mail = acceptedMail(context({ submittedAt: late, lastSubmittedAt: late, timeZone: 'UTC' }));
      expect(mail.textBody).toContain('gửi lúc 01:00 ngày 26/6/2024 (sau hạn 10:00 ngày 25/6/2024).');
    });
  });
});
