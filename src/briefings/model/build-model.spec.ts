import { AttachmentFacts } from '../briefing-data.repository';
import { BriefingInputs, buildBriefingModel } from './build-model';

const FILE_ID = '6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a001';

function inputs(attachments: AttachmentFacts[] | undefined, portalBaseUrl?: string | null): BriefingInputs {
  return {
    settings: { committeeName: 'Ban Chỉ đạo', secretariatName: null, programName: null, locality: null, chairTitle: null, timezone: 'Asia/Ho_Chi_Minh', portalBaseUrl },
    period: { id: 'p', year: 2024, quarter: 2, briefingAt: new Date('2024-07-03T01:00:00Z'), briefingPlace: null },
    version: 1,
    compiledAt: new Date('2024-07-01T02:00:00Z'),
    agenda: [],
    indicators: [],
    status: { period: { id: 'p', year: 2024, quarter: 2 }, units: [], totals: { units: 0, submitted: 0, onTime: 0, late: 0, missing: 0 } },
    scorecards: [],
    tasks: [],
    sections: [],
    units: new Map(),
    next: null,
    attachments,
  };
}

function file(code: string, kind: AttachmentFacts['kind'], filename: string, id = FILE_ID): AttachmentFacts {
  return { id, code, name: `Đơn vị ${code}`, kind, filename, sizeBytes: 1000 };
}

describe(buildBriefingModel.name, () => {
  describe('attachments', () => {
    it('should have no attachments when the inputs give none', () => {
      expect(buildBriefingModel(inputs(undefined)).attachments).toEqual([]);
    });

    it('should group the files by unit, agencies first then by code, keeping their order within a unit', () => {
      const model = buildBriefingModel(inputs([file('A', 'commune', '1.pdf'), file('A', 'commune', '2.pdf'), file('B', 'agency', '3.pdf'), file('C', 'township', '4.pdf')]));
      expect(model.attachments.map((unit) => [unit.code, unit.files.map((entry) => entry.filename)])).toEqual([
        ['B', ['3.pdf']],
        ['A', ['1.pdf', '2.pdf']],
        ['C', ['4.pdf']],
      ]);
      expect(model.attachments[0]).toMatchObject({ name: 'Đơn vị B', kind: 'agency', files: [{ filename: '3.pdf', size: 1000 }] });
    });

    it('should link to the download path when the public address is not set', () => {
      expect(buildBriefingModel(inputs([file('A', 'commune', '1.pdf')], null)).attachments[0].files[0].url).toBe(`/api/v1/attachments/${FILE_ID}/download`);
    });

    it('should link under the public address without a doubled slash when it is set', () => {
      const url = buildBriefingModel(inputs([file('A', 'commune', '1.pdf')], 'https://giaoban.konray.gov.vn/')).attachments[0].files[0].url;
      expect(url).toBe(`https://giaoban.konray.gov.vn/api/v1/attachments/${FILE_ID}/download`);
    });

    it('should ignore a public address that is not http or https', () => {
      expect(buildBriefingModel(inputs([file('A', 'commune', '1.pdf')], 'javascript:alert(1)//')).attachments[0].files[0].url).toBe(`/api/v1/attachments/${FILE_ID}/download`);
    });
  });
});
