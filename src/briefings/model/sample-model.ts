import { BriefingModel } from './briefing-model';

// A small, fixed model for renderer tests and golden files: real-looking Vietnamese content with
// diacritics, big numbers (8.145), nulls and an empty section.
export const SAMPLE_MODEL: BriefingModel = {
  header: {
    committeeName: 'Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy',
    secretariatName: 'Ban Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)',
    programName: 'Cuộc vận động “Làm thay đổi nếp nghĩ, cách làm của đồng bào dân tộc thiểu số”',
    locality: 'Kon Rẫy',
    chairTitle: 'Phó Bí thư Thường trực Huyện ủy - Trưởng Ban Chỉ đạo',
    timeZone: 'Asia/Ho_Chi_Minh',
    periodLabel: 'Quý II/2024',
    year: 2024,
    quarter: 2,
    meetingAt: '2024-07-03T01:00:00.000Z',
    meetingPlace: 'Hội trường UBND xã Đăk Ruồng',
    documentDate: '2024-07-01T02:00:00.000Z',
    version: 1,
  },
  agenda: [
    { time: '07:30', title: 'Đón tiếp đại biểu', presenter: null },
    { time: '08:00', title: 'Báo cáo kết quả thực hiện Cuộc vận động quý II/2024', presenter: 'Thường trực Ban Chỉ đạo' },
    { time: '10:00', title: 'Phát biểu kết luận', presenter: 'Trưởng Ban Chỉ đạo' },
  ],
  results: {
    indicators: [
      {
        code: 'TT_BUOI',
        name: 'Buổi tuyên truyền chuyên đề, lồng ghép',
        measure: 'buổi',
        aggregation: 'sum',
        total: 110,
        previousTotal: 96,
        sameQuarterLastYear: null,
        yearToDate: 206,
        target: 400,
        achievement: 0.515,
      },
      {
        code: 'TT_LUOT',
        name: 'Lượt người tham dự tuyên truyền',
        measure: 'lượt người',
        aggregation: 'sum',
        total: 8145,
        previousTotal: 7020,
        sameQuarterLastYear: 6512,
        yearToDate: 15165,
        target: null,
        achievement: null,
      },
      {
        code: 'MH_RAMAT',
        name: 'Mô hình ra mắt',
        measure: 'mô hình',
        aggregation: 'sum',
        total: 7,
        previousTotal: 5,
        sameQuarterLastYear: 3,
        yearToDate: 12,
        target: 20,
        achievement: 0.6,
      },
    ],
    completeness: {
      units: 4,
      submitted: 3,
      onTime: [
        { code: 'BDV', name: 'Ban Dân vận Huyện ủy', kind: 'agency' },
        { code: 'X-DAKRUONG', name: 'Xã Đăk Ruồng', kind: 'commune' },
      ],
      late: [{ code: 'CAH', name: 'Công an huyện', kind: 'agency', submittedAt: '2024-06-28T08:00:00.000Z', reportDueAt: '2024-06-25T10:00:00.000Z' }],
      missing: [{ code: 'BCHQS', name: 'Ban Chỉ huy Quân sự huyện', kind: 'agency' }],
    },
    tasks: [
      { title: 'Rà soát, đánh giá hiệu quả hoạt động của các mô hình', dueAt: '2024-06-20T10:00:00.000Z', total: 4, doneOnTime: 2, doneLate: 1, inProgressOnTime: 0, overdue: 1 },
    ],
    ranking: [
      { rank: 1, code: 'BDV', name: 'Ban Dân vận Huyện ủy', tasksTotal: 1, doneOnTime: 1, overdue: 0, onTimeRate: 1 },
      { rank: 2, code: 'X-DAKRUONG', name: 'Xã Đăk Ruồng', tasksTotal: 1, doneOnTime: 1, overdue: 0, onTimeRate: 1 },
      { rank: 3, code: 'CAH', name: 'Công an huyện', tasksTotal: 1, doneOnTime: 0, overdue: 0, onTimeRate: 0 },
      { rank: 4, code: 'BCHQS', name: 'Ban Chỉ huy Quân sự huyện', tasksTotal: 1, doneOnTime: 0, overdue: 1, onTimeRate: 0 },
    ],
  },
  unitSummaries: [
    { code: 'BDV', name: 'Ban Dân vận Huyện ủy', kind: 'agency', results: 'Tổ chức 4 buổi tuyên truyền với 310 lượt người tham dự.', difficulties: null, proposals: null },
    {
      code: 'CAH',
      name: 'Công an huyện',
      kind: 'agency',
      results: 'Lồng ghép tuyên truyền trong các buổi họp thôn.',
      difficulties: 'Địa bàn rộng, đi lại khó khăn.',
      proposals: null,
    },
    {
      code: 'X-DAKRUONG',
      name: 'Xã Đăk Ruồng',
      kind: 'commune',
      results: 'Ra mắt mô hình “Hộ gia đình không sinh con thứ ba”.',
      difficulties: null,
      proposals: 'Đề nghị hỗ trợ kinh phí duy trì mô hình.',
    },
  ],
  difficulties: [{ unit: 'Công an huyện', text: 'Địa bàn rộng, đi lại khó khăn.' }],
  proposals: [{ unit: 'Xã Đăk Ruồng', text: 'Đề nghị hỗ trợ kinh phí duy trì mô hình.' }],
  nextQuarter: {
    periodLabel: 'Quý III/2024',
    tasks: [{ title: 'Đẩy mạnh tuyên truyền, vận động Cuộc vận động', dueAt: '2024-09-20T10:00:00.000Z', assignees: 'Tất cả đơn vị' }],
  },
  appendix: {
    indicatorCodes: ['TT_BUOI', 'TT_LUOT', 'MH_RAMAT'],
    units: [
      { code: 'BDV', name: 'Ban Dân vận Huyện ủy', values: { TT_BUOI: 4, TT_LUOT: 310, MH_RAMAT: null } },
      { code: 'CAH', name: 'Công an huyện', values: { TT_BUOI: 6, TT_LUOT: 2480, MH_RAMAT: null } },
      { code: 'X-DAKRUONG', name: 'Xã Đăk Ruồng', values: { TT_BUOI: 100, TT_LUOT: 5355, MH_RAMAT: 7 } },
    ],
  },
  // No attachments: the golden files show the pack without its attachments appendix
  // (SAMPLE_ATTACHMENTS adds one in the renderer tests).
  attachments: [],
};

export const SAMPLE_ATTACHMENTS: BriefingModel['attachments'] = [
  {
    code: 'BDV',
    name: 'Ban Dân vận Huyện ủy',
    kind: 'agency',
    files: [{ filename: 'Báo cáo quý II.pdf', size: 1_234_567, url: '/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a001/download' }],
  },
  {
    code: 'X-DAKRUONG',
    name: 'Xã Đăk Ruồng',
    kind: 'commune',
    files: [
      { filename: 'Ảnh buổi tuyên truyền <thôn 1>.jpg', size: 356_000, url: '/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a002/download' },
      { filename: 'Số liệu chi tiết.xlsx', size: 18_432, url: '/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a003/download' },
    ],
  },
];
