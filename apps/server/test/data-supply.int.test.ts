import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSupplyFixture, supplySessions } from './data-supply.fixture.js';
import { ENGINES, loadFixture, startTestApp, writeRows, type TestContext } from './harness.js';

type Report = {
  row: number;
  column: string;
  field: string;
  code: string;
  severity: string;
  message: string;
}[];

describe.each(ENGINES)('data supply: data sets, files, approval on $name', (engine) => {
  let ctx: TestContext;
  let s: Awaited<ReturnType<typeof supplySessions>>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await loadFixture(ctx.services);
    await loadSupplyFixture(ctx.services);
    s = await supplySessions(ctx);
  });
  afterAll(() => ctx.close());

  const upload = (token: string, file: Buffer | string, period = '2024-02', name = 'so-lieu.xlsx') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/data-sets/HS_THANG/periods/${period}/uploads?name=${encodeURIComponent(name)}`,
      headers: {
        ...auth(token),
        'content-type': typeof file === 'string' ? 'text/csv' : 'application/octet-stream',
      },
      payload: file,
    });
  const fetchSubmission = async (id: string) => {
    await ctx.services.submissions.idle();
    const res = await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: auth(s.officer) });
    return res.json().submission as {
      status: string;
      errorCount: number;
      rowsValid: number;
      canSubmit: boolean;
      report: Report;
    };
  };
  const template = async (period = '2024-02') => {
    const res = await ctx.app.inject({
      url: `/api/v1/data-sets/HS_THANG/periods/${period}/template`,
      headers: auth(s.officer),
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };
  const fill = async (workbook: ExcelJS.Workbook, values: Record<string, [unknown, unknown]>) => {
    const sheet = workbook.getWorksheet('Số liệu')!;
    sheet.eachRow((row, n) => {
      const v = values[String(row.getCell(1).value)];
      if (n > 2 && v) {
        row.getCell(4).value = v[0] as ExcelJS.CellValue;
        row.getCell(5).value = v[1] as ExcelJS.CellValue;
      }
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  const observations = () =>
    ctx.handle.db
      .selectFrom('observations')
      .innerJoin('units', 'units.id', 'observations.unit_id')
      .select(['units.code', 'indicator_code', 'value', 'status', 'revision'])
      .where('period', '=', '2024-02')
      .where('indicator_code', 'in', ['HS_XL', 'HS_DH'])
      .orderBy('units.code')
      .orderBy('indicator_code')
      .execute();

  describe('data sets', () => {
    it('refuses an anonymous caller, a viewer and a data officer editing data sets', async () => {
      const put = (headers: Record<string, string>) =>
        ctx.app.inject({ method: 'PUT', url: '/api/v1/data-sets/X', headers, payload: {} });
      expect((await put({})).statusCode).toBe(401);
      expect((await put(auth(s.viewer))).json()).toMatchObject({ code: 'FORBIDDEN' });
      expect((await put(auth(s.officer))).statusCode).toBe(403);
    });

    it('refuses a data set whose indicators do not match its frequency, with the reason in Vietnamese', async () => {
      const res = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/data-sets/SAI',
        headers: auth(s.admin),
        payload: {
          name: 'Sai',
          organisationCode: 'UBND_D1',
          indicatorCodes: ['HS_XL', 'KHONG_CO', 'TL_DH'],
          units: { codes: ['C1', 'X9'] },
          frequency: 'quarter',
          deadline: { daysAfterEnd: 5, time: '17:00' },
          channel: 'file',
          rules: [{ kind: 'relation', left: 'HS_XL', operator: '<=', right: 'NGOAI' }],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe(
        'Bộ số liệu không hợp lệ: HS_XL có kỳ month, khác tần suất quarter; không có chỉ tiêu KHONG_CO; ' +
          'TL_DH được tính theo công thức; không có đơn vị X9; quy tắc dùng NGOAI không thuộc bộ số liệu.',
      );
    });

    it('lists the data set for its officer, with its rules and deadline', async () => {
      const res = await ctx.app.inject({ url: '/api/v1/data-sets', headers: auth(s.officer) });
      expect(res.statusCode).toBe(200);
      expect(res.json().dataSets).toMatchObject([
        { code: 'HS_THANG', organisationCode: 'UBND_D1', deadline: { daysAfterEnd: 5, time: '17:00' } },
      ]);
    });
  });

  describe('template, upload and report', () => {
    it('gives a template with Vietnamese headers, units pre-filled, a hidden key column and code row', async () => {
      const sheet = (await template()).getWorksheet('Số liệu')!;
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'Khóa',
        'Mã đơn vị',
        'Tên đơn vị',
        'Hồ sơ đã xử lý (hồ sơ)',
        'Hồ sơ đúng hạn (hồ sơ)',
      ]);
      expect(sheet.getRow(2).hidden).toBe(true);
      expect(sheet.getColumn(1).hidden).toBe(true);
      expect([3, 4, 5].map((r) => sheet.getRow(r).getCell(3).value)).toEqual(['Xã Một', 'Xã Hai', 'Xã Ba']);
      expect(sheet.getCell('D3').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 1e15] });
    });

    it('reports every bad row with row, column, field and reason, stores nothing, and refuses to submit', async () => {
      const before = await observations();
      const file = await fill(await template(), { C1: [10, 9], C2: [5, 8], C3: ['mười', 1] });
      const res = await upload(s.officer, file);
      expect(res.statusCode).toBe(202);
      const { submission } = res.json();
      const report = await fetchSubmission(submission.id);
      expect(report).toMatchObject({ status: 'draft', errorCount: 2, rowsValid: 1, canSubmit: false });
      expect(report.report.map((f) => [f.row, f.column, f.field, f.code])).toEqual([
        [4, 'E', 'HS_DH', 'RELATION'],
        [5, 'D', 'HS_XL', 'BAD_VALUE'],
      ]);
      expect(report.report[1]!.message).toBe('Giá trị "mười" không phải là số.');
      const submit = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${submission.id}/submit`,
        headers: auth(s.officer),
      });
      expect(submit.statusCode).toBe(409);
      expect(submit.json().message).toBe(
        'Lần nộp còn 2 lỗi và bộ số liệu không cho nộp một phần; hãy sửa và tải lên lại.',
      );
      expect(await observations()).toEqual(before);
    });

    it('marks a file that is not a spreadsheet as failed with the reason', async () => {
      const res = await upload(
        s.officer,
        Buffer.from('PK\u0003\u0004 not really a zip'),
        '2024-02',
        'hong.xlsx',
      );
      const report = await fetchSubmission(res.json().submission.id);
      expect(report.status).toBe('failed');
    });

    it('refuses the template of another period', async () => {
      const file = await fill(await template('2024-03'), { C1: [10, 9] });
      const report = await fetchSubmission((await upload(s.officer, file)).json().submission.id);
      expect(report.report[0]).toMatchObject({ code: 'WRONG_TEMPLATE', field: 'file' });
      expect(report.canSubmit).toBe(false);
    });

    it('takes the fixed file, stores the same file once, and publishes only after the head approves', async () => {
      const file = await fill(await template(), { C1: [10, 9], C2: [8, 5], C3: [4, 4] });
      const first = await upload(s.officer, file);
      expect(first.statusCode).toBe(202);
      const again = await upload(s.officer, file);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ duplicate: true, submission: { id: first.json().submission.id } });
      const id = first.json().submission.id as string;
      expect(await fetchSubmission(id)).toMatchObject({
        status: 'draft',
        errorCount: 0,
        rowsValid: 3,
        canSubmit: true,
      });

      const submit = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/submit`,
        headers: auth(s.officer),
      });
      expect(submit.json().submission).toMatchObject({ status: 'submitted', submittedBy: 'canbo' });
      expect((await observations()).filter((o) => o.code !== 'C4')).toHaveLength(0);

      const byOfficer = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/approve`,
        headers: auth(s.officer),
      });
      expect(byOfficer.json()).toMatchObject({ code: 'FORBIDDEN' });
      const byOtherLeader = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/approve`,
        headers: auth(s.otherLeader),
      });
      expect(byOtherLeader.statusCode).toBe(403);
      expect(byOtherLeader.json().code).toBe('NOT_APPROVER');

      const inbox = await ctx.app.inject({
        url: '/api/v1/submissions?status=submitted&toApprove=true',
        headers: auth(s.approver),
      });
      expect(inbox.json().submissions.map((x: { id: string }) => x.id)).toEqual([id]);
      const otherInbox = await ctx.app.inject({
        url: '/api/v1/submissions?status=submitted&toApprove=true',
        headers: auth(s.otherLeader),
      });
      expect(otherInbox.json().submissions).toEqual([]);
      const approve = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/approve`,
        headers: auth(s.approver),
      });
      expect(approve.json().submission).toMatchObject({ status: 'published', decidedBy: 'truong' });
      expect(await observations()).toEqual([
        { code: 'C1', indicator_code: 'HS_DH', value: 9, status: 'approved', revision: 1 },
        { code: 'C1', indicator_code: 'HS_XL', value: 10, status: 'approved', revision: 1 },
        { code: 'C2', indicator_code: 'HS_DH', value: 5, status: 'approved', revision: 1 },
        { code: 'C2', indicator_code: 'HS_XL', value: 8, status: 'approved', revision: 1 },
        { code: 'C3', indicator_code: 'HS_DH', value: 4, status: 'approved', revision: 1 },
        { code: 'C3', indicator_code: 'HS_XL', value: 4, status: 'approved', revision: 1 },
      ]);
      await ctx.services.refresher.drain();
      const d1 = await ctx.handle.db
        .selectFrom('rollup_values')
        .innerJoin('units', 'units.id', 'rollup_values.unit_id')
        .select('value')
        .where('units.code', '=', 'D1')
        .where('indicator_code', '=', 'HS_XL')
        .where('period', '=', '2024-02')
        .executeTakeFirstOrThrow();
      expect(d1.value).toBe(22);
      const audit = await ctx.handle.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('entity', '=', 'submissions')
        .where('entity_key', '=', id)
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { actor: 'canbo', action: 'upload' },
        { actor: 'canbo', action: 'submit' },
        { actor: 'truong', action: 'approve' },
      ]);
    });

    it('sends a rejected submission back with its reason; a correction keeps the earlier value in the history', async () => {
      const csv = '\uFEFFunit;HS_XL;HS_DH\r\nC1;12,0;11\r\nC2;8;5\r\n';
      const id = (await upload(s.officer, csv, '2024-02', 'sua.csv')).json().submission.id as string;
      expect(await fetchSubmission(id)).toMatchObject({ status: 'draft', errorCount: 0, rowsValid: 2 });
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/submit`,
        headers: auth(s.officer),
      });
      const tooShort = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/reject`,
        headers: auth(s.approver),
        payload: { reason: '' },
      });
      expect(tooShort.statusCode).toBe(400);
      const reject = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/reject`,
        headers: auth(s.approver),
        payload: { reason: 'Số hồ sơ đúng hạn của Xã Một chưa khớp sổ theo dõi' },
      });
      expect(reject.json().submission).toMatchObject({
        status: 'rejected',
        rejectReason: 'Số hồ sơ đúng hạn của Xã Một chưa khớp sổ theo dõi',
      });
      const notified = await ctx.handle.db
        .selectFrom('deliveries')
        .select(['target', 'kind'])
        .where('kind', '=', 'supply.rejected')
        .execute();
      expect(notified).toEqual([]); // no SMTP configured: in-app only
      expect((await observations()).find((o) => o.code === 'C1' && o.indicator_code === 'HS_XL')?.value).toBe(
        10,
      );

      const fixed = '\uFEFFunit;HS_XL;HS_DH\r\nC1;12,0;10\r\n';
      const id2 = (await upload(s.officer, fixed, '2024-02', 'sua2.csv')).json().submission.id as string;
      await fetchSubmission(id2);
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id2}/submit`,
        headers: auth(s.officer),
      });
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id2}/approve`,
        headers: auth(s.approver),
      });
      const history = await ctx.app.inject({
        url: '/api/v1/observations/history?indicator=HS_XL&unit=C1&period=2024-02',
        headers: auth(s.admin),
      });
      expect(history.json().revisions.map((r: { value: number }) => r.value)).toEqual([10, 12]);
    });
  });

  describe('web form and partial submission', () => {
    it('validates the form like a file and, when the data set allows it, submits only the valid rows', async () => {
      const grid = await ctx.app.inject({
        url: '/api/v1/data-sets/HS_THANG/periods/2024-02/form',
        headers: auth(s.officer),
      });
      expect(grid.json().units.map((u: { code: string }) => u.code)).toEqual(['C1', 'C2', 'C3']);
      expect(grid.json().units[0].values).toEqual({ HS_XL: 12, HS_DH: 10 });
      await loadSupplyFixture(ctx.services, { allowPartial: true });
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/data-sets/HS_THANG/periods/2024-01/form',
        headers: auth(s.officer),
        payload: {
          rows: [
            { unit: 'C1', values: { HS_XL: 10, HS_DH: 9 } },
            { unit: 'C3', values: { HS_XL: -1, HS_DH: null } },
          ],
        },
      });
      expect(res.statusCode).toBe(201);
      const id = res.json().submission.id as string;
      const report = await fetchSubmission(id);
      expect(report).toMatchObject({ errorCount: 1, rowsValid: 1, canSubmit: true });
      expect(report.report[0]).toMatchObject({ row: 2, field: 'HS_XL', code: 'BELOW_MIN' });
      const submit = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/submit`,
        headers: auth(s.officer),
      });
      expect(submit.json().submission.status).toBe('submitted');
      await loadSupplyFixture(ctx.services);
    });
  });

  describe('outliers', () => {
    it('flags a value far from the unit history for review without rejecting it', async () => {
      await writeRows(
        ctx.services,
        ['2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01'].map((period, k) => ({
          indicator: 'HS_XL',
          unit: 'C1',
          period,
          value: 100 + (k % 3),
        })),
      );
      await loadSupplyFixture(ctx.services, {
        rules: [{ kind: 'outlier', indicator: 'HS_XL', periods: 12, threshold: 3.5 }],
      });
      const csv = 'unit;HS_XL;HS_DH\nC1;950;900\nC2;10;9\n';
      const id = (await upload(s.officer, csv, '2024-03', 'ngoai-le.csv')).json().submission.id as string;
      const report = await fetchSubmission(id);
      expect(report).toMatchObject({ status: 'draft', errorCount: 0, rowsValid: 2, canSubmit: true });
      expect(report.report).toMatchObject([
        { row: 2, column: 'B', field: 'HS_XL', severity: 'warning', code: 'OUTLIER' },
      ]);
      expect(report.report[0]!.message).toMatch(/^Giá trị 950 khác thường so với các kỳ trước của đơn vị/);
      await loadSupplyFixture(ctx.services);
    });
  });
});
