import type { Services } from '../app.js';
import { generateFinanceDemo } from '../demo/finance-demo.js';
import type { IntakeRequest } from '../records/record-intake.js';

const request = (rows: Record<string, unknown>[]): IntakeRequest => ({
  rows,
  rowNumbers: rows.map((_, i) => i + 1),
  mode: 'all',
});

/**
 * Loads the demo budget and investment records through the same intake as every other supply,
 * then computes their warehouse figures. Idempotent: records are keyed, so a second run
 * changes nothing.
 */
export async function seedFinance(
  services: Services,
  options: { from?: string; to?: string; log: (line: string) => void },
): Promise<void> {
  const { from, to, log } = options;
  const demo = generateFinanceDemo({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  await services.catalogue.upsertReferenceData('cli', { organisations: demo.organisations });
  await services.budget.write('cli', 'estimates', request(demo.budgetEstimates));
  await services.budget.write('cli', 'records', request(demo.budgetRecords));
  log(`Ngân sách: ${demo.budgetRecords.length} chứng từ / budget records`);
  await services.investment.write('cli', 'projects', request(demo.projects));
  await services.investment.write('cli', 'plans', request(demo.plans));
  await services.investment.write('cli', 'plans', request(demo.planRevisions));
  await services.investment.write('cli', 'disbursements', request(demo.disbursements));
  log(
    `Đầu tư công: ${demo.projects.length} dự án, ${demo.disbursements.length} lần giải ngân / projects, disbursements`,
  );
  await services.figures.drain();
}
