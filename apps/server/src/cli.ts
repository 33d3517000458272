#!/usr/bin/env node
import { BUDGET_ESTIMATE_FIELDS, BUDGET_RECORD_FIELDS } from './budget/budget-records.js';
import type { BudgetRecordKind } from './budget/budget.service.js';
import { DISBURSEMENT_FIELDS, PLAN_FIELDS, PROJECT_FIELDS } from './investment/investment-records.js';
import type { InvestmentRecordKind } from './investment/investment.service.js';
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { ROLES, type Role } from '@ioc/shared';
import {
  indicatorsFromFile,
  targetsFromCsv,
  unitLinksFromCsv,
  unitsFromCsv,
} from './catalogue/catalogue-import.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { parseObservationsCsv } from './observations/observations-csv.js';
import type { Services } from './app.js';

const log = (line: string) => console.log(line);

// The database engine, the server and the demo are imported when a command needs them, so that
// `--help` answers at once.

/** Runs a command against the configured database, closing it afterwards. */
async function withRuntime<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const { openRuntime } = await import('./runtime.js');
  const { handle, services } = await openRuntime(loadConfig());
  try {
    return await fn(services);
  } finally {
    await handle.close();
  }
}

/** How often `serve` checks data-supply deadlines for reminders. */
const REMINDER_INTERVAL_MS = 60_000;
/** How often `serve` looks for e-mails and webhook calls due (new ones are sent at once). */
/** How often unfinished dossiers are checked against their deadlines. */
const DOSSIER_DEADLINE_INTERVAL_MS = 5 * 60_000;
const DELIVERY_INTERVAL_MS = 15_000;
/** How often `serve` checks the deadlines of citizen reports and refreshes today's 1022 figures. */
const CASE_CHECK_INTERVAL_MS = 60_000;

/** How often `serve` checks incident SLAs (escalations) and trims the live replay log. */
const SLA_INTERVAL_MS = 30_000;

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.split(/\r?\n/)[0] ?? '';
}

/**
 * What `ioc serve` runs beside the API: the MQTT subscriber (when MQTT_URL is set), the sensor
 * feed and alert delivery left over from before a restart, and the connector scheduler.
 */
async function startBackground(services: Services, config: ReturnType<typeof loadConfig>) {
  const { SensorMqttSubscriber } = await import('./sensors/mqtt-subscriber.js');
  services.sensors.scheduleFeed();
  const redeliver = setInterval(() => void services.sensors.deliverAlerts().catch(() => {}), 30_000);
  void services.sensors.deliverAlerts().catch(() => {});
  let subscriber: InstanceType<typeof SensorMqttSubscriber> | null = null;
  if (config.MQTT_URL) {
    subscriber = new SensorMqttSubscriber(services.sensors, {
      url: config.MQTT_URL,
      clientId: `${config.MQTT_CLIENT_ID}-sensors`,
      log,
    });
    await subscriber
      .start()
      .catch((err: unknown) =>
        log(`MQTT: chưa kết nối được, sẽ thử lại / not connected yet: ${String(err)}`),
      );
  } else {
    log('MQTT: chưa cấu hình MQTT_URL, không nhận số liệu cảm biến / MQTT_URL not set, sensors off');
  }
  services.connectors.startScheduler();
  return {
    stop: async () => {
      services.connectors.stopScheduler();
      clearInterval(redeliver);
      await subscriber?.stop();
      await services.sensors.drain();
    },
  };
}

const program = new Command()
  .name('ioc')
  .description(
    'Trung tâm giám sát, điều hành thông minh (IOC) — máy chủ và công cụ quản trị.\n' +
      'Intelligent Operations Center — server and admin tool.\n\n' +
      'Cơ sở dữ liệu / database: DATABASE_URL (PostgreSQL) hoặc PGlite trong IOC_DATA_DIR (mặc định ./data).',
  );

program
  .command('serve')
  .description(
    'Chạy máy chủ: API, giao diện web, tổng hợp số liệu, SLA sự cố, MQTT (khi có MQTT_URL) / Run the server: API, web app, roll-ups, incident SLAs, MQTT events (with MQTT_URL)',
  )
  .option('-p, --port <port>', 'cổng / port (PORT, mặc định 8080; 0 = tự chọn)')
  .option('--host <host>', 'địa chỉ lắng nghe / listen address (HOST, mặc định 127.0.0.1)')
  .option(
    '--demo',
    'chế độ demo: nạp tỉnh minh họa và tài khoản demo nếu CSDL trống / demo mode: load the demo province and demo accounts when empty',
  )
  .action(async (opts: { port?: string; host?: string; demo?: boolean }) => {
    const config = loadConfig({
      ...process.env,
      ...(opts.port ? { PORT: opts.port } : {}),
      ...(opts.host ? { HOST: opts.host } : {}),
      ...(opts.demo ? { IOC_MODE: 'demo' } : {}),
    });
    const [{ openRuntime }, { buildApp }, { seedDemo }, { createDemoUsers, DEMO_PASSWORD, DEMO_USERS }] =
      await Promise.all([
        import('./runtime.js'),
        import('./app.js'),
        import('./seed/seed-demo.js'),
        import('./seed/demo-users.js'),
      ]);
    const { handle, services } = await openRuntime(config);
    if (config.IOC_MODE === 'demo') {
      const indicators = await services.catalogue.db
        .selectFrom('indicators')
        .select('code')
        .limit(1)
        .execute();
      if (indicators.length === 0) {
        log('Đang nạp tỉnh minh họa Bình Phước (dữ liệu tổng hợp) / loading the demo province…');
        await seedDemo(services, { log });
      }
      await createDemoUsers(services);
      log(
        `Tài khoản demo / demo accounts (mật khẩu / password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`,
      );
    } else {
      const users = await services.catalogue.db.selectFrom('users').select('id').limit(1).execute();
      if (users.length === 0) {
        log('Chưa có người dùng. Tạo quản trị viên đầu tiên / no users yet, create the first administrator:');
        log('  ioc create-user --username admin --display-name "Quản trị" --role administrator');
      }
    }
    services.refresher.schedule();
    services.deliveries.start(DELIVERY_INTERVAL_MS);
    services.dossierDeadlines.start(DOSSIER_DEADLINE_INTERVAL_MS);
    services.dossierPull?.start(config.DOSSIER_PULL_MINUTES * 60_000);
    services.caseDeadlines.start(CASE_CHECK_INTERVAL_MS, () => {
      // Yesterday too: a case answered just after midnight changes the day before's figures.
      const today = new Date(services.clock().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
      return services.caseFigures.toWarehouse(yesterday, today);
    });
    // Figures of records left queued by a stop between intake and recomputation.
    services.figures.schedule();
    services.slaScheduler.start(SLA_INTERVAL_MS);
    const { MqttEventsSubscriber } = await import('./events/events-mqtt.js');
    const mqttEvents = config.MQTT_URL
      ? new MqttEventsSubscriber(services.events, {
          url: config.MQTT_URL,
          topic: config.MQTT_EVENT_TOPIC,
          clientId: `${config.MQTT_CLIENT_ID}-events`,
          log,
        })
      : null;
    // Not awaited: the server runs while the broker is away, and the client keeps reconnecting.
    void mqttEvents?.start();
    // Files whose processing a stop interrupted are processed again; then reminders run every minute.
    await services.submissions.recover();
    services.reminders.start(REMINDER_INTERVAL_MS);
    const app = await buildApp(handle, services, {
      logger: false,
      demo: config.IOC_MODE === 'demo',
      attachmentMaxBytes: config.ATTACHMENT_MAX_MB * 1024 * 1024,
      ...(config.MEDIA_DIR ? { mediaDir: config.MEDIA_DIR } : {}),
      ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
    });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    log(`IOC đang chạy tại / running at ${address}  (CSDL / database: ${handle.engine})`);
    const background = await startBackground(services, config);
    const { CameraHealthChecker } = await import('./cameras/camera-health.js');
    const checkEverySeconds = config.CAMERA_CHECK_INTERVAL_S ?? (config.IOC_MODE === 'demo' ? 0 : 60);
    const health = new CameraHealthChecker(handle.db, services.cameras, services.live, services.emitEvent, {
      timeoutMs: config.CAMERA_CHECK_TIMEOUT_MS,
      baseUrl: address,
      log,
    });
    if (checkEverySeconds > 0) {
      health.start(checkEverySeconds * 1000);
      log(
        `Kiểm tra camera mỗi ${checkEverySeconds} giây / camera health checks every ${checkEverySeconds} s`,
      );
    }
    const stop = async () => {
      await health.stop();
      await background.stop();
      await mqttEvents?.stop();
      await app.close();
      await services.slaScheduler.stop();
      await services.deliveries.stop();
      await services.dossierDeadlines.stop();
      await services.dossierPull?.stop();
      await services.figures.drain();
      await services.caseDeadlines.stop();
      await services.reminders.stop();
      await services.submissions.idle();
      await services.refresher.drain();
      await handle.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('migrate')
  .description('Cập nhật cấu trúc CSDL / Apply database migrations')
  .action(() => withRuntime(async () => log('Đã cập nhật CSDL / migrations applied')));

program
  .command('seed-demo')
  .description(
    'Nạp tỉnh minh họa Bình Phước với dữ liệu tổng hợp (chạy lại không nhân đôi) / Load the synthetic demo province (idempotent)',
  )
  .action(() =>
    withRuntime(async (services) => {
      const { seedDemo } = await import('./seed/seed-demo.js');
      const { observations } = await seedDemo(services, { log });
      log(`Xong: ${observations} số liệu / done`);
    }),
  );

program
  .command('cases-figures')
  .description(
    'Tính lại số liệu phản ánh 1022 (tiếp nhận, đã xử lý, đúng hạn, đánh giá, quá hạn) vào kho chỉ tiêu cho các ngày from..to / Recompute the 1022 indicators from the cases',
  )
  .requiredOption('--from <date>', 'ngày đầu / first day (YYYY-MM-DD)')
  .requiredOption('--to <date>', 'ngày cuối / last day (YYYY-MM-DD)')
  .action((opts: { from: string; to: string }) =>
    withRuntime(async (services) => {
      const written = await services.caseFigures.toWarehouse(opts.from, opts.to);
      await services.refresher.drain();
      log(`Đã ghi ${written} số liệu / observations written`);
    }),
  );

program
  .command('create-user')
  .description(
    'Tạo người dùng; mật khẩu đọc từ --password hoặc dòng đầu stdin / Create a user; password from --password or stdin',
  )
  .requiredOption('--username <name>', 'tên đăng nhập / username')
  .requiredOption('--display-name <name>', 'họ tên hiển thị / display name')
  .addOption(new Option('--role <role>', 'vai trò / role').choices(ROLES).makeOptionMandatory())
  .option('--password <password>', 'mật khẩu, ≥ 10 ký tự / password, ≥ 10 characters')
  .option('--organisation <code>', 'mã cơ quan / organisation code')
  .option('--scope-unit <code>', 'mã đơn vị giới hạn phạm vi / unit code limiting the scope')
  .option(
    '--person <code>',
    'mã cán bộ nhận thông báo qua tài khoản này / person whose notifications this account gets',
  )
  .action(
    (opts: {
      username: string;
      displayName: string;
      role: Role;
      password?: string;
      organisation?: string;
      scopeUnit?: string;
      person?: string;
    }) =>
      withRuntime(async (services) => {
        const user = await services.auth.createUser('cli', {
          username: opts.username,
          displayName: opts.displayName,
          role: opts.role,
          password: opts.password ?? (await readStdinLine()),
          organisationCode: opts.organisation ?? null,
          scopeUnitCode: opts.scopeUnit ?? null,
          personCode: opts.person ?? null,
        });
        log(`Đã tạo người dùng / created user ${user.username} (${user.role})`);
      }),
  );

program
  .command('create-api-key')
  .description('Cấp khóa API cho người dùng (hiện một lần) / Issue an API key for a user (shown once)')
  .requiredOption('--username <name>', 'người dùng sở hữu khóa / owner')
  .requiredOption('--name <name>', 'tên gợi nhớ, ví dụ hệ thống gửi dữ liệu / label, e.g. the sending system')
  .action((opts: { username: string; name: string }) =>
    withRuntime(async (services) => {
      const { key } = await services.auth.createApiKey('cli', opts.username, opts.name);
      log(key);
    }),
  );

program
  .command('pull-dossiers')
  .description(
    'Đồng bộ một lần hồ sơ TTHC từ API hệ thống một cửa (DOSSIER_PULL_URL) / Pull dossiers once from the one-stop system',
  )
  .action(() =>
    withRuntime(async (services) => {
      if (!services.dossierPull) throw new Error('Chưa đặt DOSSIER_PULL_URL / DOSSIER_PULL_URL is not set');
      const run = await services.dossierPull.runOnce();
      await services.figures.drain();
      await services.refresher.drain();
      log(
        `Đồng bộ ${run.status}: nhận ${run.fetched}, thêm ${run.inserted}, sửa ${run.updated}, lỗi ${run.rejected}${run.error ? ` — ${run.error}` : ''}`,
      );
    }),
  );

const importCommand = program
  .command('import')
  .description('Nhập danh mục và số liệu từ tệp / Import catalogue and data from files');

importCommand
  .command('dossiers <file>')
  .description(
    'Hồ sơ TTHC từ CSV hoặc XLSX (mỗi dòng một hồ sơ: ma_ho_so, ma_thu_tuc, ten_thu_tuc, ma_linh_vuc, ten_linh_vuc, ' +
      'ma_co_quan, ten_co_quan, ma_don_vi, kenh, ngay_tiep_nhan, han_xu_ly, ngay_hoan_thanh, trang_thai …) / Dossiers from CSV or XLSX',
  )
  .option('--partial', 'lưu các dòng hợp lệ, báo lỗi các dòng còn lại / store valid rows, report the others')
  .action((file: string, opts: { partial?: boolean }) =>
    withRuntime(async (services) => {
      const { parseDossierCsv, parseDossierXlsx } = await import('./dossiers/dossier-file.js');
      const parsed = file.toLowerCase().endsWith('.xlsx')
        ? await parseDossierXlsx(await readFile(file))
        : parseDossierCsv(await readFile(file, 'utf8'));
      const { body } = await services.dossiers.write('cli', {
        rows: parsed.rows,
        rowNumbers: parsed.lines,
        mode: opts.partial ? 'partial' : 'all',
        source: `Tệp / file ${file}`,
      });
      for (const e of body.errors) log(`  dòng ${e.row}, ${e.field}: ${e.message}`);
      await services.figures.drain();
      await services.refresher.drain();
      log(
        `Hồ sơ: thêm ${body.inserted}, sửa ${body.updated}, không đổi ${body.unchanged}, lỗi ${body.rejected}`,
      );
    }),
  );

importCommand
  .command('units <file>')
  .description(
    'Đơn vị hành chính từ CSV: code,name,level,parent_code,valid_from,valid_to[,name_en,lon,lat] / Units from CSV',
  )
  .action((file: string) =>
    withRuntime(async (services) => {
      const result = await services.catalogue.upsertUnits('cli', unitsFromCsv(await readFile(file, 'utf8')));
      log(`Đơn vị: thêm ${result.created}, cập nhật ${result.updated} / units created, updated`);
    }),
  );

importCommand
  .command('unit-links <file>')
  .description(
    'Sáp nhập/chia tách đơn vị từ CSV: new_code,new_name,new_parent_code,old_code,old_name,kind[,share] / Unit merges and splits from CSV',
  )
  .requiredOption('--effective <date>', 'ngày hiệu lực, ví dụ 2025-07-01 / effective date')
  .option('--partial', 'lưu các dòng hợp lệ, báo lỗi các dòng còn lại / store valid rows, report the others')
  .action((file: string, opts: { effective: string; partial?: boolean }) =>
    withRuntime(async (services) => {
      const rows = unitLinksFromCsv(await readFile(file, 'utf8'));
      const result = await services.catalogue.linkUnits('cli', rows, {
        effectiveDate: opts.effective,
        partial: Boolean(opts.partial),
      });
      for (const e of result.errors) log(`  dòng ${e.row}, ${e.field}: ${e.message}`);
      log(
        `Đơn vị mới: ${result.unitsCreated}, liên kết: ${result.linksWritten}, lỗi: ${result.errors.length} / new units, links, errors`,
      );
    }),
  );

importCommand
  .command('boundaries <file>')
  .description(
    'Ranh giới chính thức từ GeoJSON (properties.code = mã đơn vị) / Official boundaries from GeoJSON',
  )
  .option(
    '--partial',
    'lưu các đối tượng hợp lệ, báo lỗi phần còn lại / store valid features, report the others',
  )
  .action((file: string, opts: { partial?: boolean }) =>
    withRuntime(async (services) => {
      const result = await services.map.importBoundaries('cli', JSON.parse(await readFile(file, 'utf8')), {
        partial: Boolean(opts.partial),
      });
      for (const e of result.errors) log(`  đối tượng ${e.row}, ${e.field}: ${e.message}`);
      log(`Ranh giới: cập nhật ${result.updated}, lỗi ${result.errors.length} / boundaries updated, errors`);
    }),
  );

importCommand
  .command('reference <file>')
  .description(
    'Lĩnh vực, cơ quan, tổ phân tích, người phụ trách từ JSON {domains, organisations, teams, people} / Reference data from JSON',
  )
  .action((file: string) =>
    withRuntime(async (services) => {
      const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown[]>;
      const result = await services.catalogue.upsertReferenceData('cli', data);
      log(`Danh mục tham chiếu: ${result.written} mục / reference items written`);
    }),
  );

importCommand
  .command('data-sets <file>')
  .description(
    'Bộ số liệu phải cung cấp từ JSON (mảng, trường như PUT /api/v1/data-sets/:code) / Data sets from a JSON array',
  )
  .action((file: string) =>
    withRuntime(async (services) => {
      const items = JSON.parse(await readFile(file, 'utf8')) as unknown[];
      for (const item of items) await services.dataSets.upsert('cli', item);
      log(`Bộ số liệu: ${items.length} / data sets written`);
    }),
  );

importCommand
  .command('indicators <file>')
  .description(
    'Chỉ tiêu từ JSON hoặc CSV (tên cột = tên trường) / Indicators from JSON or CSV (headers = field names)',
  )
  .action((file: string) =>
    withRuntime(async (services) => {
      const result = await services.catalogue.upsertIndicators(
        'cli',
        indicatorsFromFile(await readFile(file, 'utf8'), file),
      );
      await services.refresher.drain();
      log(`Chỉ tiêu: thêm ${result.created}, cập nhật ${result.updated} / indicators created, updated`);
    }),
  );

importCommand
  .command('targets <file>')
  .description('Kế hoạch từ CSV: indicator,unit,period,value[,low,high] / Targets from CSV')
  .action((file: string) =>
    withRuntime(async (services) => {
      const result = await services.catalogue.upsertTargets(
        'cli',
        targetsFromCsv(await readFile(file, 'utf8')),
      );
      log(`Kế hoạch: ${result.written} dòng / target rows written`);
    }),
  );

importCommand
  .command('observations <file>')
  .description(
    'Số liệu từ CSV: indicator,unit,period,value[,disaggregation,status,source,comment] / Observations from CSV',
  )
  .option('--partial', 'lưu các dòng hợp lệ, báo lỗi các dòng còn lại / store valid rows, report the others')
  .action((file: string, opts: { partial?: boolean }) =>
    withRuntime(async (services) => {
      const { rows, lines } = parseObservationsCsv(await readFile(file, 'utf8'));
      const { body } = await services.observations.write('cli', {
        rows,
        rowNumbers: lines,
        mode: opts.partial ? 'partial' : 'all',
      });
      for (const e of body.errors) log(`  dòng ${e.row}, ${e.field}: ${e.message}`);
      await services.refresher.drain();
      log(
        `Số liệu: thêm ${body.inserted}, sửa ${body.updated}, không đổi ${body.unchanged}, lỗi ${body.rejected}`,
      );
    }),
  );

/** Budget and investment records: CSV or XLSX (by extension), same checks as the API. */
const RECORD_IMPORTS = [
  [
    'budget-records',
    ['Chứng từ thu, chi ngân sách', 'Budget transactions'],
    BUDGET_RECORD_FIELDS,
    'budget',
    'records',
  ],
  [
    'budget-estimates',
    ['Dự toán ngân sách năm', 'Annual budget estimates'],
    BUDGET_ESTIMATE_FIELDS,
    'budget',
    'estimates',
  ],
  ['projects', ['Dự án đầu tư công', 'Public investment projects'], PROJECT_FIELDS, 'investment', 'projects'],
  ['plans', ['Kế hoạch vốn theo năm, nguồn', 'Capital plans'], PLAN_FIELDS, 'investment', 'plans'],
  ['disbursements', ['Giải ngân', 'Disbursements'], DISBURSEMENT_FIELDS, 'investment', 'disbursements'],
] as const;

for (const [name, what, fields, service, kind] of RECORD_IMPORTS) {
  importCommand
    .command(`${name} <file>`)
    .description(
      `${what[0]} từ CSV hoặc XLSX / ${what[1]} from CSV or XLSX; cột / columns: ${fields.map((f) => f.name).join(',')}`,
    )
    .option(
      '--partial',
      'lưu các dòng hợp lệ, báo lỗi các dòng còn lại / store valid rows, report the others',
    )
    .action((file: string, opts: { partial?: boolean }) =>
      withRuntime(async (services) => {
        const { readCsvRows, readXlsxRows } = await import('./records/record-file.js');
        const { rows, lines } = file.toLowerCase().endsWith('.xlsx')
          ? await readXlsxRows(await readFile(file), fields)
          : readCsvRows(await readFile(file, 'utf8'), fields);
        const request = {
          rows,
          rowNumbers: lines,
          mode: opts.partial ? ('partial' as const) : ('all' as const),
        };
        const { body } =
          service === 'budget'
            ? await services.budget.write('cli', kind as BudgetRecordKind, request)
            : await services.investment.write('cli', kind as InvestmentRecordKind, request);
        for (const e of body.errors) log(`  dòng ${e.row}, ${e.field}: ${e.message}`);
        await services.figures.drain();
        await services.refresher.drain();
        log(`Thêm ${body.inserted}, sửa ${body.updated}, không đổi ${body.unchanged}, lỗi ${body.rejected}`);
      }),
    );
}
importCommand
  .command('sensors <file>')
  .description(
    'Cảm biến từ CSV: code,name,kind,lon,lat,unit,reading,label,uom,indicator,statistic,thresholds (mỗi dòng một phép đo; ngưỡng dạng moderate>50|severe>75) / Sensors from CSV',
  )
  .action((file: string) =>
    withRuntime(async (services) => {
      const { sensorsFromCsv } = await import('./sensors/sensors-csv.js');
      const result = await services.sensors.upsert('cli', sensorsFromCsv(await readFile(file, 'utf8')));
      log(`Cảm biến: thêm ${result.created}, cập nhật ${result.updated} / sensors created, updated`);
    }),
  );

const connectorCommand = program
  .command('connector')
  .description('Kết nối lấy dữ liệu tự động từ hệ thống khác / Automatic pulls from other systems');

connectorCommand
  .command('add <file>')
  .description(
    'Tạo hoặc sửa kết nối từ tệp JSON (xem POST /api/v1/connectors) / Create or update a connector from a JSON file',
  )
  .action((file: string) =>
    withRuntime(async (services) => {
      const connector = await services.connectors.upsert('cli', JSON.parse(await readFile(file, 'utf8')));
      log(
        `Đã lưu kết nối / saved connector ${connector.code}; lần chạy tới / next run ${connector.nextRunAt}`,
      );
    }),
  );

importCommand
  .command('cameras <file>')
  .description(
    'Camera từ CSV: code,name,type(security|traffic),lon,lat,owner,stream_url; đơn vị suy ra từ vị trí / Cameras from CSV; unit derived from location',
  )
  .option('--partial', 'lưu các dòng hợp lệ, báo lỗi các dòng còn lại / store valid rows, report the others')
  .action((file: string, opts: { partial?: boolean }) =>
    withRuntime(async (services) => {
      const { camerasFromCsv } = await import('./cameras/cameras-csv.js');
      const { items, lines } = camerasFromCsv(await readFile(file, 'utf8'));
      const result = await services.cameras.importRows('cli', items, {
        partial: Boolean(opts.partial),
        rowNumbers: lines,
        audit: 'import',
      });
      for (const e of result.errors) log(`  dòng ${e.row}, ${e.field}: ${e.message}`);
      log(
        `Camera: thêm ${result.created}, cập nhật ${result.updated}, lỗi ${result.errors.length} / cameras created, updated, errors`,
      );
    }),
  );

connectorCommand
  .command('list')
  .description('Danh sách kết nối và lần chạy gần nhất / Connectors and their last run')
  .action(() =>
    withRuntime(async (services) => {
      const rows = await services.catalogue.db
        .selectFrom('connectors')
        .select(['code', 'name'])
        .orderBy('code')
        .execute();
      for (const r of rows) log(`${r.code}\t${r.name}`);
    }),
  );

connectorCommand
  .command('run <code>')
  .description('Chạy một kết nối ngay và in kết quả / Run one connector now and print the outcome')
  .action((code: string) =>
    withRuntime(async (services) => {
      const run = await services.connectors.run('cli', code);
      for (const e of run.errors.slice(0, 50)) {
        log('row' in e ? `  dòng ${e.row}, ${e.field}: ${e.message}` : `  lần ${e.attempt}: ${e.message}`);
      }
      await services.refresher.drain();
      log(
        `${run.status}: ${run.message ?? ''} (con trỏ / cursor ${run.cursorBefore ?? '—'} → ${run.cursorAfter ?? '—'})`,
      );
      if (run.status === 'failed') process.exitCode = 1;
    }),
  );

program.parseAsync().catch((err: unknown) => {
  if (err instanceof AppError) {
    console.error(`Lỗi / error ${err.code}: ${err.message} / ${err.messageEn}`);
    const details = err.details as { errors?: { row: number; field: string; message: string }[] } | undefined;
    for (const e of details?.errors ?? []) console.error(`  dòng / line ${e.row}, ${e.field}: ${e.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
