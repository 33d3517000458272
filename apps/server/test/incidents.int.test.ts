import type { LiveMessage } from '../src/stream/live-hub.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';
import { accident, loadOperationsFixture } from './operations-fixture.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function multipart(fileName: string, contentType: string, data: Buffer) {
  const boundary = '----ioc-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(ENGINES)('incidents ($name)', (engine) => {
  let ctx: TestContext;
  let now = new Date('2026-11-20T01:00:00Z');
  let operator: string;
  let d2Operator: string;
  let supervisor: string;
  let leader: string;

  const as = (token: string) => ({ cookie: `ioc_session=${token}` });
  const api = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: as(token), ...(payload ? { payload } : {}) });

  /** An incident from a fresh moderate traffic event in C1 (D1). */
  const newIncident = async () => {
    const event = await ctx.services.events.ingest(accident({ cameraCode: `CAM-${Math.random()}` }), 'cli');
    const res = await api(operator, 'POST', '/incidents', { groupIds: [event.groupId] });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; sopSteps: Array<{ id: string }> } & Record<string, unknown>;
  };

  beforeAll(async () => {
    ctx = await startTestApp(engine, { clock: () => now });
    await loadOperationsFixture(ctx);
    operator = await loginAs(ctx, { username: 'vanhanh', role: 'operator' });
    d2Operator = await loginAs(ctx, { username: 'vanhanh_d2', role: 'operator', scopeUnitCode: 'D2' });
    supervisor = await loginAs(ctx, { username: 'truongca', role: 'operator', personCode: 'GS1' } as never);
    leader = await loginAs(ctx, { username: 'lanhdao', role: 'leader', personCode: 'LD1' } as never);
  }, 60_000);
  afterAll(() => ctx.close());

  it('walks the lifecycle with who and when on the timeline, and refuses invalid steps with 409', async () => {
    const incident = await newIncident();
    expect(incident).toMatchObject({
      status: 'new',
      type: 'traffic_accident',
      unitCode: 'C1',
      eventCount: 1,
    });
    expect(incident.allowedActions).toEqual(['acknowledge']);

    const skip = await api(operator, 'POST', `/incidents/${incident.id}/transitions`, { action: 'resolve' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: `Không thể "Đã xử lý xong" sự cố #${incident.id} đang ở trạng thái "Mới".`,
    });
    const noAssignee = await api(operator, 'POST', `/incidents/${incident.id}/transitions`, {
      action: 'acknowledge',
    });
    expect(noAssignee.json().status).toBe('acknowledged');
    const missing = await api(operator, 'POST', `/incidents/${incident.id}/transitions`, {
      action: 'assign',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('Phân công cần chọn cơ quan hoặc người xử lý.');

    for (const step of [
      { action: 'assign', organisationCode: 'CA_D1', personCode: 'XL1' },
      { action: 'start' },
      { action: 'resolve', note: 'Đã giải tỏa hiện trường' },
      { action: 'close' },
      { action: 'reopen' },
    ]) {
      now = new Date(now.getTime() + 60_000);
      const res = await api(operator, 'POST', `/incidents/${incident.id}/transitions`, step);
      expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
    }
    const detail = (await api(operator, 'GET', `/incidents/${incident.id}`)).json();
    expect(detail.status).toBe('assigned');
    expect(detail.assignedOrganisation).toEqual({ code: 'CA_D1', name: 'Công an huyện Một' });
    expect(detail.assignedPerson).toEqual({ code: 'XL1', name: 'Đỗ Văn Xử Lý' });
    expect(
      detail.timeline.map((t: { action: string; toStatus: string | null; actor: string }) => [
        t.action,
        t.toStatus,
        t.actor,
      ]),
    ).toEqual([
      ['created', 'new', 'vanhanh'],
      ['acknowledge', 'acknowledged', 'vanhanh'],
      ['assign', 'assigned', 'vanhanh'],
      ['start', 'in_progress', 'vanhanh'],
      ['resolve', 'resolved', 'vanhanh'],
      ['close', 'closed', 'vanhanh'],
      ['reopen', 'assigned', 'vanhanh'],
    ]);
    expect(detail.timeline[4].note).toBe('Đã giải tỏa hiện trường');
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'incident')
      .where('entity_key', '=', incident.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'create',
      'acknowledge',
      'assign',
      'start',
      'resolve',
      'close',
      'reopen',
    ]);
  });

  it('refuses to put events that already belong to an incident into a second one', async () => {
    const event = await ctx.services.events.ingest(accident({ cameraCode: 'CAM-TWICE' }), 'cli');
    expect((await api(operator, 'POST', '/incidents', { eventIds: [event.id] })).statusCode).toBe(201);
    const again = await api(operator, 'POST', '/incidents', { groupIds: [event.groupId] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('EVENTS_ALREADY_IN_INCIDENT');
  });

  it('attaches the SOP of the type, ticks steps with who and when, and shows overdue steps', async () => {
    const incident = await newIncident();
    expect(incident.sopSteps).toHaveLength(3);
    expect(incident.overdueSteps).toBe(0);
    now = new Date(now.getTime() + 16 * 60_000);
    const late = (await api(operator, 'GET', `/incidents/${incident.id}`)).json();
    expect(late.overdueSteps).toBe(2);
    expect(late.sopSteps.map((s: { isOverdue: boolean }) => s.isOverdue)).toEqual([true, true, false]);
    const ticked = await api(
      operator,
      'POST',
      `/incidents/${incident.id}/sop-steps/${incident.sopSteps[0]!.id}`,
      { done: true },
    );
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().sopSteps[0]).toMatchObject({
      doneBy: 'vanhanh',
      doneAt: now.toISOString(),
      isOverdue: false,
    });
    expect(ticked.json().overdueSteps).toBe(1);
    expect(ticked.json().timeline.at(-1)).toMatchObject({
      action: 'sop_step_done',
      note: 'Xác minh qua camera',
    });
  });

  it('escalates a late acknowledgement to the supervisor, then the leader, once each', async () => {
    const incident = await newIncident();
    const checkAt = async (minutes: number) => {
      now = new Date(new Date(incident.createdAt as string).getTime() + minutes * 60_000);
      await ctx.services.incidents.checkSla();
      const rows = await ctx.handle.db
        .selectFrom('incident_escalations')
        .select(['sla', 'level'])
        .where('incident_id', '=', incident.id)
        .orderBy('at')
        .execute();
      return rows.map((r) => `${r.sla}:${r.level}`);
    };
    expect(await checkAt(9)).toEqual([]);
    expect(await checkAt(11)).toEqual(['ack:1']);
    expect(await checkAt(12)).toEqual(['ack:1']);
    const bell = async (token: string) =>
      (
        (await api(token, 'GET', '/notifications')).json() as { items: Array<{ kind: string; link: string }> }
      ).items.filter((n) => n.link === `/operations?incident=${incident.id}`);
    expect(await bell(supervisor)).toHaveLength(1);
    expect(await bell(leader)).toHaveLength(0);
    // Late by a second SLA period: the leader.
    expect(await checkAt(21)).toEqual(['ack:1', 'ack:2']);
    expect(await bell(leader)).toEqual([expect.objectContaining({ kind: 'incident.escalated' })]);
    const detail = (await api(operator, 'GET', `/incidents/${incident.id}`)).json();
    expect(detail.escalationLevel).toBe(2);
    expect(detail.isAckLate).toBe(true);
    expect(
      detail.timeline
        .filter((t: { action: string }) => t.action === 'escalated')
        .map((t: { note: string }) => t.note),
    ).toEqual(['Quá hạn tiếp nhận, chuyển cấp giám sát', 'Quá hạn tiếp nhận, chuyển lãnh đạo']);
    // Resolution SLA (60 min) lapses too once acknowledged and left unresolved.
    await api(operator, 'POST', `/incidents/${incident.id}/transitions`, { action: 'acknowledge' });
    expect(await checkAt(61)).toEqual(['ack:1', 'ack:2', 'resolve:1']);
    expect(await checkAt(121)).toEqual(['ack:1', 'ack:2', 'resolve:1', 'resolve:2']);
  });

  it('tells the assignee when an incident is assigned', async () => {
    const assignee = await loginAs(ctx, { username: 'xuly', role: 'operator', personCode: 'XL1' } as never);
    const incident = await newIncident();
    await api(operator, 'POST', `/incidents/${incident.id}/transitions`, { action: 'acknowledge' });
    await api(operator, 'POST', `/incidents/${incident.id}/transitions`, {
      action: 'assign',
      personCode: 'XL1',
    });
    const items = (await api(assignee, 'GET', '/notifications')).json().items as Array<{
      kind: string;
      link: string;
    }>;
    expect(items.filter((n) => n.link === `/operations?incident=${incident.id}`).map((n) => n.kind)).toEqual([
      'incident.assigned',
    ]);
  });

  it('lets an operator scoped to a district see and act only on its incidents', async () => {
    const d1 = await newIncident();
    const event = await ctx.services.events.ingest(
      accident({ cameraCode: 'CAM-D2', location: { type: 'Point', coordinates: [107.3, 11.6] } }),
      'cli',
    );
    const d2 = await api(d2Operator, 'POST', '/incidents', { groupIds: [event.groupId] });
    expect(d2.statusCode).toBe(201);
    const list = (await api(d2Operator, 'GET', '/incidents')).json().incidents as Array<{
      id: string;
      unitCode: string;
    }>;
    expect(list.map((i) => i.unitCode)).toEqual(['C5']);
    for (const [method, url, body] of [
      ['GET', `/incidents/${d1.id}`, undefined],
      ['POST', `/incidents/${d1.id}/transitions`, { action: 'acknowledge' }],
      ['POST', `/incidents/${d1.id}/comments`, { text: 'Xin nhận xử lý' }],
    ] as const) {
      const res = await api(d2Operator, method, url, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('Đơn vị nằm ngoài phạm vi được phân quyền của bạn.');
    }
    const d1Event = await ctx.services.events.ingest(accident({ cameraCode: 'CAM-D1-X' }), 'cli');
    expect((await api(d2Operator, 'POST', '/incidents', { groupIds: [d1Event.groupId] })).statusCode).toBe(
      403,
    );
    const own = await api(d2Operator, 'POST', `/incidents/${d2.json().id}/transitions`, {
      action: 'acknowledge',
    });
    expect(own.statusCode).toBe(200);
  });

  it('accepts image and PDF attachments, refuses other types and oversized files, and serves them only in scope', async () => {
    const incident = await newIncident();
    const upload = (token: string, name: string, type: string, data: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${incident.id}/attachments`,
        ...multipart(name, type, data),
        headers: { ...multipart(name, type, data).headers, ...as(token) },
      });
    const exe = await upload(operator, 'anh.png', 'image/png', Buffer.from('MZ not an image'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toBe('Tệp đính kèm phải là ảnh (JPEG, PNG, WebP) hoặc PDF.');
    const big = await upload(
      operator,
      'lon.pdf',
      'application/pdf',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024)]),
    );
    expect(big.statusCode).toBe(413);
    expect((await upload(d2Operator, 'hien-truong.png', 'image/png', PNG)).statusCode).toBe(403);
    const ok = await upload(operator, 'hiện-trường.png', 'image/png', PNG);
    expect(ok.statusCode).toBe(201);
    const attachment = ok.json().attachments[0];
    expect(attachment).toMatchObject({
      fileName: 'hiện-trường.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      uploadedBy: 'vanhanh',
    });
    const pdf = await upload(operator, 'bien-ban.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(pdf.json().attachments).toHaveLength(2);

    const download = await api(operator, 'GET', `/incidents/${incident.id}/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(
      (await api(d2Operator, 'GET', `/incidents/${incident.id}/attachments/${attachment.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await ctx.app.inject({ url: `/api/v1/incidents/${incident.id}/attachments/${attachment.id}` }))
        .statusCode,
    ).toBe(401);
  });

  it('publishes incident changes only to screens whose scope covers the incident', async () => {
    const seen: LiveMessage[] = [];
    const unsubscribe = ctx.services.live.subscribe((m) => seen.push(m));
    const incident = await newIncident();
    unsubscribe();
    const message = seen.find(
      (m) => m.topic === 'incident' && (m.data as { id: string }).id === incident.id,
    )!;
    expect(message.id).toMatch(/^\d+$/);
    const actor = async (token: string) => ctx.services.auth.authenticate({ sessionToken: token });
    expect(message.audience!(await actor(operator))).toBe(true);
    expect(message.audience!(await actor(d2Operator))).toBe(false);
  });
});
