import { z } from 'zod';

const rate = z.number().min(0).max(1);
const nonNegative = z.number().min(0);

export const faultSettingsPatch = z
  .object({
    errorRate500: rate,
    errorRate503: rate,
    latencyMinMs: nonNegative,
    latencyMaxMs: nonNegative,
    latencySpikeRate: rate,
    latencySpikeMs: nonNegative,
    dropAfterCommitRate: rate,
    writeFailureRate: rate,
    writeFailureSeed: z.number().int(),
  })
  .partial()
  .strict();

export const settingsPatch = z
  .object({
    limits: z
      .object({
        enabled: z.boolean(),
        requestsPerMinute: z.number().int().min(1),
        requestsPerSecond: z.number().int().min(1),
        batchPerMinute: z.number().int().min(1),
        batchMaxItems: z.number().int().min(1),
        throttleBodyShape: z.enum(['standard', 'gateway']),
        retryAfterSeconds: nonNegative,
      })
      .partial()
      .strict(),
    idempotency: z.object({ enabled: z.boolean(), windowMs: nonNegative, noDedupeShare: rate }).partial().strict(),
    faults: z.object({ global: faultSettingsPatch, perRealm: z.record(z.string(), faultSettingsPatch) }).partial().strict(),
    api: z
      .object({
        minMinorVersion: z.number().int().min(1),
        timeZoneOffsetMinutes: z.number().int().min(-720).max(840),
        rejectDuplicateDocNumber: z.boolean(),
        rejectUnknownProperties: z.boolean(),
        accept: z.enum(['xml', 'json']),
        responseHeaders: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(200)),
        query: z.object({ defaultMaxResults: z.number().int().min(1), maxMaxResults: z.number().int().min(1), overMaxResults: z.enum(['clamp', 'error']), alwaysTotalCount: z.boolean() }).partial().strict(),
        cdc: z.object({ lookBackDays: nonNegative, maxObjects: z.number().int().min(1), tooOld: z.enum(['error', 'clamp']) }).partial().strict(),
      })
      .partial()
      .strict(),
    randomSeed: z.number().int(),
  })
  .partial()
  .strict();

export const createCompanyBody = z
  .object({
    realmId: z.string().regex(/^\d{1,20}$/).optional(),
    companyName: z.string().min(1).max(200).optional(),
    ownerEmail: z.string().email().optional(),
    seed: z.union([z.number().int(), z.string().min(1)]).optional(),
    size: z.enum(['empty', 'small', 'medium', 'large']).optional(),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    months: z.number().int().min(1).max(120).optional(),
  })
  .strict();

export const resetCompanyBody = createCompanyBody.omit({ realmId: true });

export const advanceClockBody = z.object({ ms: z.number().min(0) }).strict();

export const mergeBody = z.object({ fromId: z.string().min(1), intoId: z.string().min(1) }).strict();
