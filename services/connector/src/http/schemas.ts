import { connectionState } from '@ledgerbus/contracts';
import { z } from 'zod';

export const connectionResponse = z.object({ connection: connectionState });
export const auditEntrySchema = z.object({
  id: z.string(),
  divisionId: z.string().optional(),
  realmId: z.string().optional(),
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});
