import { acceptedMail, ReceivedMailContext, receivedMail, ReviewMailContext, returnedMail } from './submission-mails';

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

  describe(receivedMail.name, () => {
    function received(overrides: Partial<ReceivedMailContext> = {}): ReceivedMailContext {
      return { ...context(), submissionNumber: 1, valueCount: 12, taskCount: 3, secretariatEmail: null, ...overrides };
    }

    it('should confirm the receipt with the time, on time, the summary and what happens next when a report is first submitted on time', () => {
      const mail = receivedMail(received({ secretariatName: 'Văn phòng BCĐ', secretariatEmail: 'vanphong.bcd@konray.gov.vn' }));
      expect(mail.subject).toBe('[Giao ban] Đã nhận báo cáo quý II/2024 của Xã Đăk Ruồng');
      expect(mail.textBody).toBe(
        [
          'Kính gửi: Xã Đăk Ruồng',
          'Hệ thống Giao ban đã nhận báo cáo quý II/2024 của đơn vị lúc 16:20 ngày 24/6/2024, đúng hạn (hạn gửi báo cáo: 17:00 ngày 25/6/2024).',
          'Nội dung báo cáo đã nhận:\n- Số chỉ tiêu có số liệu: 12\n- Số nhiệm vụ được cập nhật tiến độ: 3',
          'Thường trực Ban Chỉ đạo sẽ xem xét báo cáo. Nếu báo cáo cần bổ sung, chỉnh sửa, đơn vị sẽ nhận được thư điện tử nêu rõ nội dung cần hoàn thiện.\n' +
            'Nếu có vướng mắc, đề nghị đơn vị liên hệ Văn phòng BCĐ qua thư điện tử vanphong.bcd@konray.gov.vn.',
          'Trân trọng,\nVăn phòng BCĐ',
        ].join('\n\n'),
      );
    });

    it('should say the report came after the deadline in the committee time zone when it was submitted late', () => {
      const late = new Date('2024-06-26T08:05:00+07:00');
      const mail = receivedMail(received({ submittedAt: late, lastSubmittedAt: late, timeZone: 'UTC' }));
      expect(mail.textBody).toContain('đã nhận báo cáo quý II/2024 của đơn vị lúc 01:05 ngày 26/6/2024, sau hạn 10:00 ngày 25/6/2024.');
      expect(mail.textBody).not.toContain('đúng hạn');
    });

    it('should write days below 10 and the months 1 and 2 with a leading zero when the report is for quarter I', () => {
      const mail = receivedMail(
        received({
          quarter: 1,
          reportDueAt: new Date('2024-03-05T17:00:00+07:00'),
          submittedAt: new Date('2024-02-03T07:30:00+07:00'),
          lastSubmittedAt: new Date('2024-02-03T07:30:00+07:00'),
        }),
      );
      expect(mail.subject).toBe('[Giao ban] Đã nhận báo cáo quý I/2024 của Xã Đăk Ruồng');
      expect(mail.textBody).toContain('lúc 07:30 ngày 03/02/2024, đúng hạn (hạn gửi báo cáo: 17:00 ngày 05/3/2024).');
    });

    it('should number a report sent again and judge lateness on the first submission when it is resubmitted after the deadline', () => {
      const mail = receivedMail(received({ submissionNumber: 2, lastSubmittedAt: new Date('2024-06-28T09:00:00+07:00') }));
      expect(mail.subject).toBe('[Giao ban] Đã nhận báo cáo quý II/2024 của Xã Đăk Ruồng (lần gửi thứ 2)');
      expect(mail.textBody).toContain(
        'đã nhận báo cáo quý II/2024 của đơn vị lúc 09:00 ngày 28/6/2024.\n' +
          'Đây là lần gửi thứ 2 của báo cáo; báo cáo được gửi lần đầu lúc 16:20 ngày 24/6/2024, đúng hạn (hạn gửi báo cáo: 17:00 ngày 25/6/2024).',
      );
    });

    it('should name the secretariat without an address and sign with the committee when the settings have no secretariat e-mail', () => {
      const mail = receivedMail(received({ committeeName: 'Ban Chỉ đạo huyện Kon Rẫy', valueCount: 0, taskCount: 0 }));
      expect(mail.textBody).toContain('- Số chỉ tiêu có số liệu: 0\n- Số nhiệm vụ được cập nhật tiến độ: 0');
      expect(mail.textBody).toContain('Nếu có vướng mắc, đề nghị đơn vị liên hệ Thường trực Ban Chỉ đạo.\n');
      expect(mail.textBody.endsWith('Trân trọng,\nThường trực Ban Chỉ đạo\nBan Chỉ đạo huyện Kon Rẫy')).toBe(true);
    });

    it('should escape the unit name in the HTML body and keep it as it is in the text and the subject', () => {
      const mail = receivedMail(received({ unitName: 'Xã <Đăk> & "Tơ"' }));
      expect(mail.subject).toBe('[Giao ban] Đã nhận báo cáo quý II/2024 của Xã <Đăk> & "Tơ"');
      expect(mail.htmlBody).toContain('<p>Kính gửi: Xã &#60;Đăk&#62; &#38; &#34;Tơ&#34;</p>');
      expect(mail.htmlBody).toContain('<p>Nội dung báo cáo đã nhận:<br>- Số chỉ tiêu có số liệu: 12<br>- Số nhiệm vụ được cập nhật tiến độ: 3</p>');
    });
  });
});
