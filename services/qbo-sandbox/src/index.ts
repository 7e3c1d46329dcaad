/** @ledgerbus/qbo-sandbox: a faithful emulator of QuickBooks Online v3 and Intuit OAuth 2.0. */
export { createSandbox } from './app';
export type { CreateSandboxOptions, Sandbox } from './app';
export type { CreateCompanyOptions, CreatedCompany, SandboxAdmin } from './admin/admin-api';
export { SandboxClock, createClock } from './clock';
export { QboFault, faults } from './faults/qbo-fault';
export type { QboErrorItem, FaultType } from './faults/qbo-fault';
export { defaultSettings } from './settings';
export type { ApiSettings, DeepPartial, FaultSettings, IdempotencySettings, LimitSettings, SandboxSettings } from './settings';
export { Money, toQboJson } from './store/money';
export { SandboxStore } from './store/store';
export type { SeedOptions, SeedSize } from './seed/seed-company';
export { parseQuery } from './query/parser';
export type { ParsedQuery } from './query/parser';
export type * from './types';
export type { OAuthServer } from './oauth';
export type { WebhookDispatcherPart } from './webhooks';
