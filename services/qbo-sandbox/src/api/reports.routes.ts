import type { FastifyInstance } from 'fastify';
import { notEmulated } from '../faults/not-emulated';
import { balanceSheet } from '../reports/balance-sheet';
import { parseReportParams } from '../reports/common';
import { profitAndLoss } from '../reports/profit-and-loss';
import { formatDateTime } from '../time';
import type { ApiDeps } from './context';
import { respond } from './context';

/** GET /reports/ProfitAndLoss and /reports/BalanceSheet (reports are not wrapped). */
export function registerReportRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/v3/company/:realmId/reports/:report', async (request, reply) => {
    const { realmId, report } = request.params as { realmId: string; report: string };
    const company = deps.store.company(realmId);
    const nowMs = deps.clock.now().getTime();
    const offset = deps.settings.api.timeZoneOffsetMinutes;
    const params = parseReportParams(request.query as Record<string, string | undefined>, company, nowMs, offset);
    const nowIso = formatDateTime(nowMs, offset);
    const name = report.toLowerCase();
    if (name === 'profitandloss') return respond(deps, request, reply, 200, profitAndLoss(company, params, nowIso));
    if (name === 'balancesheet') return respond(deps, request, reply, 200, balanceSheet(company, params, nowIso));
    throw notEmulated('report', report, `The QBO sandbox does not emulate the ${report} report (ProfitAndLoss and BalanceSheet only). This is a limit of the emulator, not an answer of QuickBooks Online.`);
  });
}
