import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFixture, NEAR_C1, PNG_BASE64, REPORTER } from './case-fixture.js';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';

describe.each(ENGINES)('citizen reports (1022) on $name', (engine) => {
  let ctx: TestContext;
  let now = new Date('2025-03-10T02:00:00Z');
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  let apiKey: string;

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    ctx = await startTestApp(engine, {
      clock: () => now,
      config: { SMTP_URL: 'smtp://127.0.0.1:9', SMTP_FROM: 'x@y.z' },
    });
    await loadCaseFixture(ctx.services);
    tokens.operator = await loginAs(ctx, { username: 'tongdai', role: 'operator' });
    tokens.agency = await loginAs(ctx, {
      username: 'so_gtvt',
      role: 'data_officer',
      organisationCode: 'SO_GTVT',
    });
    tokens.other = await loginAs(ctx, {
      username: 'ubnd_c1',
      role: 'data_officer',
      organisationCode: 'UBND_C1',
    });
    tokens.viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
    tokens.leader = await loginAs(ctx, { username: 'lanhdao', role: 'leader' });
    apiKey = (await ctx.services.auth.createApiKey('cli', 'tongdai', 'Zalo OA')).key;
    await ctx.services.notifications.saveWebhook('cli', {
      code: 'sms',
      url: 'http://127.0.0.1:9/sms',
      kinds: ['citizen.sms'],
      active: true,
    });
    await ctx.services.notifications.saveWebhook('cli', {
      code: 'all',
      url: 'http://127.0.0.1:9/all',
      kinds: [],
      active: true,
    });
  });
  afterAll(() => ctx.close());

  const report = (extra: Record<string, unknown> = {}) => ({
    description: 'Duong truoc nha co o ga rat lon, xe may de nga',
    location: NEAR_C1,
    reporter: REPORTER,
    ...extra,
  });

  describe('refuses bad input with a code and a Vietnamese message', () => {
    it('401 for an anonymous internal list, 403 for a viewer recording a call', async () => {
      expect((await get('/api/v1/cases')).json().code).toBe('UNAUTHENTICATED');
      const res = await post('/api/v1/cases', report(), auth('viewer'));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    });

    it.each([
      [
        'no description',
        { description: '   ' },
        400,
        'CASE_DESCRIPTION_REQUIRED',
        'Vui lòng nhập nội dung phản ánh.',
      ],
      [
        'a point in Hà Nội',
        { location: [105.8, 21.0] },
        400,
        'CASE_OUTSIDE_PROVINCE',
        'Vị trí phản ánh nằm ngoài địa bàn tỉnh.',
      ],
      [
        'an unknown category',
        { categoryCode: 'ufo' },
        400,
        'CASE_UNKNOWN_CATEGORY',
        'Lĩnh vực phản ánh "ufo" không tồn tại.',
      ],
      ['no location', { location: undefined }, 400, 'CASE_LOCATION_REQUIRED', null],
      [
        'a PDF named .jpg',
        { photos: [{ name: 'anh.jpg', data: Buffer.from('%PDF-1.7 not an image').toString('base64') }] },
        415,
        'CASE_ATTACHMENT_NOT_IMAGE',
        'Tệp đính kèm không phải là ảnh (chỉ nhận JPEG, PNG, WebP, GIF).',
      ],
      [
        'a photo over 5 MB',
        {
          photos: [
            {
              data: Buffer.concat([
                Buffer.from(PNG_BASE64, 'base64'),
                Buffer.alloc(5 * 1024 * 1024),
              ]).toString('base64'),
            },
          ],
        },
        413,
        'CASE_ATTACHMENT_TOO_LARGE',
        null,
      ],
    ])('%s is refused', async (_name, extra, status, code, message) => {
      const res = await post('/api/v1/public/cases', report(extra));
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      if (message) expect(res.json().message).toBe(message);
      expect(res.json().messageEn).toBeTruthy();
    });

    it('stored nothing for the refused reports', async () => {
      const list = await get('/api/v1/cases', auth('operator'));
      expect(list.json().items).toEqual([]);
    });
  });

  let first: { code: string; citizenToken: string };
  let second: string;

  it('a citizen files a report with a photo and a map point; the text without diacritics picks the category and the point the unit', async () => {
    const res = await post(
      '/api/v1/public/cases',
      report({ photos: [{ name: 'o-ga.png', data: PNG_BASE64 }] }),
      { 'idempotency-key': 'citizen-submission-0001' },
    );
    expect(res.statusCode).toBe(201);
    first = res.json();
    expect(first.code).toBe('PA-2025-000001');
    expect(res.json().category.code).toBe('roads');
    // A retry of the same submission creates nothing new and gives the same private link.
    const again = await post(
      '/api/v1/public/cases',
      report({ photos: [{ name: 'o-ga.png', data: PNG_BASE64 }] }),
      {
        'idempotency-key': 'citizen-submission-0001',
      },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);

    const detail = (await get(`/api/v1/cases/${first.code}`, auth('operator'))).json();
    expect(detail).toMatchObject({
      channel: 'web',
      status: 'received',
      unit: { code: 'C1' },
      reporter: REPORTER,
      location: NEAR_C1,
    });
    expect(detail.photos).toHaveLength(1);
    const photo = await get(detail.photos[0].url, auth('operator'));
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.toString('base64')).toBe(PNG_BASE64);
    expect(detail.events[0]).toMatchObject({ action: 'receive', actor: 'citizen', toStatus: 'received' });
  });

  it('a channel gateway with an API key files a report once per message id; the operator sees it as a likely duplicate and merges it', async () => {
    const body = report({
      channel: 'zalo',
      externalId: 'zalo-msg-77',
      location: [106.8803, 11.5202],
      reporter: {},
    });
    const res = await post('/api/v1/cases', body, { 'x-api-key': apiKey });
    expect(res.statusCode).toBe(201);
    second = res.json().case.code;
    expect((await post('/api/v1/cases', body, { 'x-api-key': apiKey })).json().case.code).toBe(second);

    const suggestion = (
      await post(
        '/api/v1/cases/suggest',
        { text: 'ổ gà trên đường', location: [106.8802, 11.5201] },
        auth('operator'),
      )
    ).json();
    expect(suggestion.categoryCode).toBe('roads');
    expect(suggestion.organisation.code).toBe('SO_GTVT');
    expect(suggestion.unit.code).toBe('C1');
    expect(suggestion.duplicates.map((d: { code: string }) => d.code).sort()).toEqual(
      [first.code, second].sort(),
    );

    const local = (
      await post(
        '/api/v1/cases/suggest',
        { text: 'den duong khong sang', location: NEAR_C1 },
        auth('operator'),
      )
    ).json();
    expect(local.categoryCode).toBe('lighting');
    expect(local.organisation.code).toBe('UBND_C1');

    const detail = (await get(`/api/v1/cases/${second}`, auth('operator'))).json();
    expect(detail.channel).toBe('zalo');
    expect(detail.duplicates.map((d: { code: string }) => d.code)).toEqual([first.code]);

    const merged = await post(
      `/api/v1/cases/${second}/actions/merge`,
      { into: first.code },
      auth('operator'),
    );
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: first.code });
    const again = await post(`/api/v1/cases/${second}/actions/merge`, { into: first.code }, auth('operator'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CASE_INVALID_TRANSITION');
    expect(again.json().message).toBe(
      'Không thể "gộp" khi phản ánh ' + second + ' đang ở trạng thái "đã gộp".',
    );
  });

  it('routes to the agency, which accepts, records and answers; the operator closes; the citizen is told by e-mail and SMS', async () => {
    expect((await post(`/api/v1/cases/${first.code}/actions/accept`, {}, auth('agency'))).statusCode).toBe(
      403,
    );
    const forwarded = await post(`/api/v1/cases/${first.code}/actions/forward`, {}, auth('operator'));
    expect(forwarded.json()).toMatchObject({ status: 'forwarded', organisation: { code: 'SO_GTVT' } });
    expect(forwarded.json().dueAt).toBe(new Date(now.getTime() + 240 * 3600_000).toISOString());

    // Another agency may neither read nor act on it.
    expect((await get(`/api/v1/cases/${first.code}`, auth('other'))).statusCode).toBe(403);
    expect((await post(`/api/v1/cases/${first.code}/actions/accept`, {}, auth('other'))).statusCode).toBe(
      403,
    );
    // Answering before accepting is not a step of the workflow.
    const early = await post(`/api/v1/cases/${first.code}/actions/answer`, { answer: 'x' }, auth('agency'));
    expect(early.statusCode).toBe(409);

    const agencyList = (await get('/api/v1/cases', auth('agency'))).json();
    expect(agencyList.items.map((c: { code: string }) => c.code)).toEqual([first.code]);
    expect(agencyList.items[0].reporter).toEqual(REPORTER);

    expect((await post(`/api/v1/cases/${first.code}/actions/accept`, {}, auth('agency'))).json().status).toBe(
      'in_progress',
    );
    const noted = await post(
      `/api/v1/cases/${first.code}/notes`,
      { note: 'Đã cử đội bảo trì khảo sát hiện trường' },
      auth('agency'),
    );
    expect(noted.json().events.at(-1)).toMatchObject({ action: 'note', actor: 'so_gtvt' });
    now = new Date(now.getTime() + 48 * 3600_000);
    const missing = await post(`/api/v1/cases/${first.code}/actions/answer`, {}, auth('agency'));
    expect(missing.statusCode).toBe(400);
    const answered = await post(
      `/api/v1/cases/${first.code}/actions/answer`,
      { answer: 'Đã vá ổ gà ngày 12/03/2025. Liên hệ 0987654321 nếu còn hư hỏng.' },
      auth('agency'),
    );
    expect(answered.json()).toMatchObject({ status: 'answered', isLate: false });
    const closed = await post(`/api/v1/cases/${first.code}/actions/close`, {}, auth('operator'));
    expect(closed.json().status).toBe('closed');
    expect(closed.json().events.map((e: { action: string }) => e.action)).toEqual([
      'receive',
      'merged_from',
      'forward',
      'accept',
      'note',
      'answer',
      'close',
    ]);

    const deliveries = await ctx.handle.db
      .selectFrom('deliveries')
      .select(['channel', 'target', 'kind', 'payload'])
      .execute();
    expect(deliveries.filter((d) => d.kind === 'citizen.answer')).toEqual([
      expect.objectContaining({ channel: 'email', target: REPORTER.email }),
    ]);
    const sms = deliveries.filter((d) => d.kind === 'citizen.sms');
    expect(sms).toEqual([expect.objectContaining({ channel: 'webhook', target: 'sms' })]);
    expect(sms[0]?.payload).toMatchObject({ data: { phone: REPORTER.phone, caseCode: first.code } });

    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('entity', '=', 'case')
      .where('entity_key', '=', first.code)
      .execute();
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual([
      'citizen:create',
      'tongdai:forward',
      'so_gtvt:accept',
      'so_gtvt:note',
      'so_gtvt:answer',
      'tongdai:close',
    ]);
  });

  it('the citizen follows, rates once and can reopen by the private link, without an account', async () => {
    expect((await get(`/api/v1/public/cases/${first.code}/follow?token=wrong-token-123`)).json().code).toBe(
      'CASE_TOKEN_INVALID',
    );
    const view = (await get(`/api/v1/public/cases/${first.code}/follow?token=${first.citizenToken}`)).json();
    expect(view).toMatchObject({
      status: 'closed',
      canRate: true,
      answer: expect.stringContaining('Đã vá ổ gà'),
    });
    const rated = await post(`/api/v1/public/cases/${first.code}/rating`, {
      token: first.citizenToken,
      rating: 5,
    });
    expect(rated.json()).toMatchObject({ rating: 5, canRate: false });
    const twice = await post(`/api/v1/public/cases/${first.code}/rating`, {
      token: first.citizenToken,
      rating: 1,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('publishes the answer without personal data; the public finds it by text, category and unit', async () => {
    expect((await get('/api/v1/public/cases')).json().items).toEqual([]);
    const published = await post(
      `/api/v1/cases/${first.code}/publication`,
      { published: true },
      auth('operator'),
    );
    expect(published.json().isPublished).toBe(true);
    const list = (await get('/api/v1/public/cases?q=ga&category=roads&unit=D1')).json();
    expect(list.items.map((c: { code: string }) => c.code)).toEqual([first.code]);
    expect(list.items[0].answer).toBe('Đã vá ổ gà ngày 12/03/2025. Liên hệ [đã ẩn] nếu còn hư hỏng.');
    expect((await get('/api/v1/public/cases?category=lighting')).json().items).toEqual([]);
    const text = JSON.stringify([list, (await get(`/api/v1/public/cases/${first.code}`)).json()]);
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.email, '0987654321'])
      expect(text).not.toContain(secret);
    // A merged or unpublished case is not public.
    expect((await get(`/api/v1/public/cases/${second}`)).statusCode).toBe(404);
  });

  it('hides confidential reporters from everyone but operators and administrators', async () => {
    const res = await post(
      '/api/v1/cases',
      report({ isConfidential: true, categoryCode: 'roads', location: [106.95, 11.6] }),
      auth('operator'),
    );
    const code = res.json().case.code;
    expect(res.json().case).toMatchObject({ channel: 'phone', reporter: REPORTER });
    await post(`/api/v1/cases/${code}/actions/forward`, { organisationCode: 'SO_GTVT' }, auth('operator'));
    for (const who of ['agency', 'viewer', 'leader']) {
      const listed = (await get('/api/v1/cases', auth(who)))
        .json()
        .items.filter((c: { code: string }) => c.code === code);
      expect(listed).toHaveLength(1);
      const body = JSON.stringify([(await get(`/api/v1/cases/${code}`, auth(who))).json(), listed]);
      for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.email])
        expect(body).not.toContain(secret);
    }
    expect((await get(`/api/v1/cases/${code}`, auth('operator'))).json().reporter).toEqual(REPORTER);
  });

  it('reminds the agency before the deadline and escalates once it has passed, each once', async () => {
    const res = await post(
      '/api/v1/cases',
      report({ categoryCode: 'roads', location: [107.0, 11.9], description: 'Sụt lún đường tỉnh' }),
      auth('operator'),
    );
    const code = res.json().case.code;
    await post(`/api/v1/cases/${code}/actions/forward`, {}, auth('operator'));
    const start = now;
    // The earlier confidential case is due at the same time; both get their reminders.
    now = new Date(start.getTime() + 230 * 3600_000);
    expect(await ctx.services.caseDeadlines.check()).toEqual({ reminded: 2, escalated: 0 });
    expect(await ctx.services.caseDeadlines.check()).toEqual({ reminded: 0, escalated: 0 });
    now = new Date(start.getTime() + 241 * 3600_000);
    expect(await ctx.services.caseDeadlines.check()).toEqual({ reminded: 0, escalated: 2 });
    expect(await ctx.services.caseDeadlines.check()).toEqual({ reminded: 0, escalated: 0 });
    const detail = (await get(`/api/v1/cases/${code}`, auth('operator'))).json();
    expect(detail).toMatchObject({ isOverdue: true, escalatedAt: now.toISOString() });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'receive',
      'forward',
      'remind',
      'escalate',
    ]);
    const operatorInbox = (await get('/api/v1/notifications', auth('operator'))).json();
    expect(
      operatorInbox.items.some(
        (n: { kind: string; title: string }) => n.kind === 'case.escalated' && n.title.includes(code),
      ),
    ).toBe(true);
    const agencyInbox = (await get('/api/v1/notifications', auth('agency'))).json();
    expect(agencyInbox.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['case.forwarded', 'case.reminder', 'case.escalated']),
    );
    expect((await get('/api/v1/cases?overdue=true', auth('operator'))).json().items).toHaveLength(2);
    // Answering now is late.
    await post(`/api/v1/cases/${code}/actions/accept`, {}, auth('agency'));
    const late = await post(
      `/api/v1/cases/${code}/actions/answer`,
      { answer: 'Đã khắc phục.' },
      auth('agency'),
    );
    expect(late.json().isLate).toBe(true);
  });

  it('counts received, answered, on time, late and satisfaction per agency and channel, and writes them to the warehouse', async () => {
    const byAgency = (
      await get('/api/v1/cases/figures?month=2025-03&by=organisation', auth('leader'))
    ).json();
    const gtvt = byAgency.rows.find((r: { key: string }) => r.key === 'SO_GTVT');
    expect(gtvt).toMatchObject({
      received: 3,
      answered: 2,
      onTime: 1,
      late: 1,
      rated: 1,
      satisfied: 1,
      meanRating: 5,
    });
    const byChannel = (await get('/api/v1/cases/figures?month=2025-03&by=channel', auth('leader'))).json();
    expect(
      Object.fromEntries(byChannel.rows.map((r: { key: string; received: number }) => [r.key, r.received])),
    ).toEqual({
      web: 1,
      phone: 2,
    });

    const written = await ctx.services.caseFigures.toWarehouse('2025-03-10', '2025-03-10');
    // 2 districts × 2 daily indicators + 2 districts × 1 monthly indicator.
    expect(written).toBe(6);
    const obs = await ctx.handle.db
      .selectFrom('observations as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.indicator_code', 'u.code', 'o.period', 'o.value'])
      .where('o.indicator_code', 'in', ['PAKN_TIEP_NHAN', 'PAKN_LUOT_DANH_GIA'])
      .orderBy('o.indicator_code')
      .orderBy('u.code')
      .execute();
    expect(obs.map((o) => `${o.indicator_code}|${o.code}|${o.period}|${o.value}`)).toEqual([
      'PAKN_LUOT_DANH_GIA|D1|2025-03|1',
      'PAKN_LUOT_DANH_GIA|D2|2025-03|0',
      'PAKN_TIEP_NHAN|D1|2025-03-10|1',
      'PAKN_TIEP_NHAN|D2|2025-03-10|0',
    ]);
  });

  it('an agency sends a case back with a reason; the operator re-routes it; a citizen reopens a closed one', async () => {
    const res = await post(
      '/api/v1/cases',
      report({ categoryCode: 'roads', location: [107.05, 12.0], reporter: {} }),
      auth('operator'),
    );
    const code = res.json().case.code;
    await post(`/api/v1/cases/${code}/actions/forward`, {}, auth('operator'));
    const noReason = await post(`/api/v1/cases/${code}/actions/send_back`, {}, auth('agency'));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('Vui lòng nhập lý do.');
    const back = await post(
      `/api/v1/cases/${code}/actions/send_back`,
      { note: 'Thuộc thẩm quyền UBND phường' },
      auth('agency'),
    );
    expect(back.json()).toMatchObject({ status: 'returned', organisation: null });
    const again = await post(
      `/api/v1/cases/${code}/actions/forward`,
      { organisationCode: 'UBND_C1' },
      auth('operator'),
    );
    expect(again.json()).toMatchObject({ status: 'forwarded', organisation: { code: 'UBND_C1' } });
    // The first agency keeps read access to what it handled, the new one acts on it.
    expect((await get(`/api/v1/cases/${code}`, auth('agency'))).statusCode).toBe(200);
    await post(`/api/v1/cases/${code}/actions/accept`, {}, auth('other'));
    await post(`/api/v1/cases/${code}/actions/answer`, { answer: 'Đã sửa.' }, auth('other'));
    const rejected = await post(
      `/api/v1/cases/${code}/actions/reject_answer`,
      { note: 'Chưa đúng vị trí' },
      auth('operator'),
    );
    expect(rejected.json().status).toBe('in_progress');

    const reopened = await post(`/api/v1/public/cases/${first.code}/reopen`, {
      token: first.citizenToken,
      reason: 'Ổ gà lại xuất hiện',
    });
    expect(reopened.json()).toMatchObject({ status: 'received', canRate: false, rating: null });
    const detail = (await get(`/api/v1/cases/${first.code}`, auth('operator'))).json();
    expect(detail.events.at(-1)).toMatchObject({
      action: 'reopen',
      actor: 'citizen',
      note: 'Ổ gà lại xuất hiện',
    });
    expect(detail.organisation).toBeNull();
  });

  it('lets administrators change a category’s keywords, which changes the suggestion at once', async () => {
    const body = {
      name: 'Cây xanh',
      nameEn: 'Trees',
      keywords: ['cây đổ', 'cành cây'],
      routeTo: 'unit',
      defaultOrganisationCode: null,
      deadlineHours: 48,
      active: true,
    };
    expect(
      (
        await ctx.app.inject({
          method: 'PUT',
          url: '/api/v1/case-categories/trees',
          payload: body,
          headers: auth('operator'),
        })
      ).statusCode,
    ).toBe(403);
    tokens.admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/case-categories/trees',
      payload: body,
      headers: auth('admin'),
    });
    expect(saved.statusCode).toBe(200);
    const suggestion = (
      await post(
        '/api/v1/cases/suggest',
        { text: 'Cay do chan ngang duong', location: NEAR_C1 },
        auth('operator'),
      )
    ).json();
    expect(suggestion).toMatchObject({ categoryCode: 'trees', organisation: { code: 'UBND_C1' } });
  });

  it('keeps every case: nothing is deleted, merged cases point to their survivor', async () => {
    const rows = await ctx.handle.db
      .selectFrom('cases as c')
      .leftJoin('cases as m', 'm.id', 'c.merged_into_id')
      .select(['c.code', 'c.status', 'm.code as into'])
      .orderBy('c.id')
      .execute();
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual({ code: second, status: 'merged', into: first.code });
  });
});
