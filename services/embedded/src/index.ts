/** @ledgerbus/embedded: every service in one process, and the one-command demo. */
export { startStack } from './stack';
export type { Stack, StackOptions, StackUrls } from './stack';
export { runDemo } from './demo';
export type { DemoOptions, DemoRun } from './demo';
export { buildDataset, centsToDecimal } from './dataset';
export type { DemoDataset, DatasetOptions } from './dataset';
export { buildSummary, formatSummary, toCents } from './summary';
export type { DemoSummary, LedgerReader } from './summary';
export { connectDemoCompany } from './connect';
export { configureTenant } from './configure';
export { collectOutcomes, recordKey } from './outcomes';
export type { Outcome, OutcomeCollector } from './outcomes';
