import { FormContext, MESSAGES, parsePortalForm, PostedField, postedFormValues, storedFormValues, taskNoteFieldName, taskStatusFieldName, valueFieldName } from './portal-form';

const BUOI = '11111111-1111-4111-8111-111111111111';
const LUOT = '22222222-2222-4222-8222-222222222222';
const TASK = '33333333-3333-4333-8333-333333333333';
const OTHER_TASK = '44444444-4444-4444-8444-444444444444';

const CONTEXT: FormContext = {
  indicators: [
    { id: BUOI, code: 'TT_BUOI' },
    { id: LUOT, code: 'TT_LUOT' },
  ],
  assignments: [{ id: TASK, status: 'pending', note: 'Ghi chú cũ' }],
};

function fields(entries: Array<[string, string]>, truncated: string[] = []): PostedField[] {
  return entries.map(([name, value]) => ({ name, value, truncated: truncated.includes(name) }));
}

function parse(entries: Array<[string, string]>, truncated: string[] = []) {
  return parsePortalForm(fields([['_csrf', 'x'], ...entries], truncated), CONTEXT);
}

describe(parsePortalForm.name, () => {
  it('should build the submission update with Vietnamese numbers, trimmed sections and task updates when the form is valid', () => {
    const parsed = parse([
      [taskStatusFieldName(TASK), 'done'],
      [taskNoteFieldName(TASK), '  Đã xong  '],
      [valueFieldName(BUOI), '8.145'],
      [valueFieldName(LUOT), ''],
      ['results', '  Kết quả\r\ndòng 2 '],
      ['difficulties', '   '],
      ['action', 'submit'],
    ]);
    expect(parsed).toEqual({
      ok: true,
      action: 'submit',
      update: {
        sections: { results: 'Kết quả\ndòng 2', difficulties: null, proposals: null },
        values: { TT_BUOI: 8145 },
        taskUpdates: [{ assignmentId: TASK, status: 'done', note: 'Đã xong' }],
        submit: true,
      },
    });
  });

  it('should save a draft and clear a note left blank when the action is draft', () => {
    const parsed = parse([
      [taskStatusFieldName(TASK), 'in_progress'],
      [taskNoteFieldName(TASK), ' '],
      ['action', 'draft'],
    ]);
    expect(parsed).toMatchObject({ ok: true, action: 'draft', update: { submit: false, taskUpdates: [{ assignmentId: TASK, status: 'in_progress', note: null }] } });
  });

  it('should leave a task out when neither its status nor its note is posted', () => {
    expect(parse([['action', 'draft']])).toMatchObject({ ok: true, update: { taskUpdates: [], values: {} } });
  });

  it('should name each wrong field with its Vietnamese message and keep what was typed when values are wrong', () => {
    const parsed = parse([
      [valueFieldName(BUOI), '-3'],
      [valueFieldName(LUOT), '1.5'],
      [taskStatusFieldName(TASK), 'finished'],
      ['results', 'Giữ lại'],
      ['action', 'submit'],
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      form: [],
      fields: {
        [valueFieldName(BUOI)]: 'Giá trị phải là số không âm',
        [valueFieldName(LUOT)]: MESSAGES.ambiguous,
        [taskStatusFieldName(TASK)]: MESSAGES.status,
      },
    });
    expect(parsed.values).toEqual({
      sections: { results: 'Giữ lại', difficulties: '', proposals: '' },
      values: { [BUOI]: '-3', [LUOT]: '1.5' },
      tasks: { [TASK]: { status: null, note: 'Ghi chú cũ' } },
    });
  });

  it('should refuse a note without a status', () => {
    const parsed = parse([
      [taskNoteFieldName(TASK), 'Chỉ có ghi chú'],
      ['action', 'draft'],
    ]);
    expect(parsed).toMatchObject({ ok: false, errors: { fields: { [taskStatusFieldName(TASK)]: MESSAGES.status } } });
  });

  it("should fail the whole form when it names another unit's assignment", () => {
    const parsed = parse([
      [taskStatusFieldName(TASK), 'done'],
      [taskStatusFieldName(OTHER_TASK), 'done'],
      ['action', 'submit'],
    ]);
    expect(parsed).toMatchObject({ ok: false, errors: { form: [MESSAGES.foreignTask], fields: {} } });
  });

  it('should fail the whole form when a field is unknown or repeated', () => {
    expect(
      parse([
        [valueFieldName('55555555-5555-4555-8555-555555555555'), '1'],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: false, errors: { form: [MESSAGES.unknownField] } });
    expect(
      parse([
        ['submittedAt', 'x'],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: false, errors: { form: [MESSAGES.unknownField] } });
    expect(
      parse([
        ['results', 'a'],
        ['results', 'b'],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: false, errors: { form: [MESSAGES.unknownField] } });
  });

  it('should ask for a button when the action is missing or unknown', () => {
    expect(parse([])).toMatchObject({ ok: false, errors: { form: [MESSAGES.action] } });
    expect(parse([['action', 'accept']])).toMatchObject({ ok: false, errors: { form: [MESSAGES.action] } });
  });

  it('should refuse a section longer than the limit or cut by the multipart limit', () => {
    expect(
      parse([
        ['results', 'a'.repeat(50_001)],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: false, errors: { fields: { results: 'Tối đa 50.000 ký tự (hiện có 50.001)' } } });
    expect(
      parse([
        ['proposals', 'a'.repeat(50_000)],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: true });
    expect(
      parse(
        [
          ['proposals', 'abc'],
          ['action', 'draft'],
        ],
        ['proposals'],
      ),
    ).toMatchObject({ ok: false, errors: { fields: { proposals: expect.stringContaining('Tối đa 50.000 ký tự') } } });
    expect(
      parse([
        [taskStatusFieldName(TASK), 'done'],
        [taskNoteFieldName(TASK), 'ồ'.repeat(2001)],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: false, errors: { fields: { [taskNoteFieldName(TASK)]: 'Tối đa 2.000 ký tự (hiện có 2.001)' } } });
  });

  it('should accept field names in upper case ids', () => {
    expect(
      parse([
        [valueFieldName(BUOI).toUpperCase().replace('VALUE', 'value'), '3'],
        ['action', 'draft'],
      ]),
    ).toMatchObject({ ok: true, update: { values: { TT_BUOI: 3 } } });
  });
});

describe(storedFormValues.name, () => {
  it('should fill the form with the stored report, numbers written the Vietnamese way', () => {
    expect(storedFormValues({ results: 'Kết quả', proposals: null }, { TT_BUOI: 8145.5, UNKNOWN: 3 }, CONTEXT)).toEqual({
      sections: { results: 'Kết quả', difficulties: '', proposals: '' },
      values: { [BUOI]: '8.145,5' },
      tasks: { [TASK]: { status: 'pending', note: 'Ghi chú cũ' } },
    });
  });
});

describe(postedFormValues.name, () => {
  it('should keep a task as stored when the form did not post it', () => {
    expect(postedFormValues(fields([['results', 'a']]), CONTEXT).tasks).toEqual({ [TASK]: { status: 'pending', note: 'Ghi chú cũ' } });
  });
});
