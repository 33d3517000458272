#!/usr/bin/env node
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
const DELIVERY_INTERVAL_MS = 15_000;

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.split(/\r?\n/)[0] ?? '';
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
  .description('Chạy máy chủ: API, giao diện web, tổng hợp số liệu / Run the server: API, web app, roll-ups')
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
    // Files whose processing a stop interrupted are processed again; then reminders run every minute.
    await services.submissions.recover();
    services.reminders.start(REMINDER_INTERVAL_MS);
    const app = await buildApp(handle, services, { logger: false, demo: config.IOC_MODE === 'demo' });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    log(`IOC đang chạy tại / running at ${address}  (CSDL / database: ${handle.engine})`);
    const stop = async () => {
      await app.close();
      await services.deliveries.stop();
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

const importCommand = program
  .command('import')
  .description('Nhập danh mục và số liệu từ tệp / Import catalogue and data from files');

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
