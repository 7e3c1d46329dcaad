import type { EntityDef } from '../entity-def';
import { accountDef } from './account';
import { companyInfoDef, preferencesDef } from './company-info';
import { journalEntryDef, purchaseDef } from './expenses';
import { classDef, itemDef, paymentMethodDef, taxCodeDef } from './lists';
import { paymentDef } from './payment';
import { customerDef, employeeDef } from './people';
import { invoiceDef, salesReceiptDef } from './sales';

export const ENTITY_DEFS: readonly EntityDef[] = [
  accountDef, customerDef, employeeDef, itemDef, paymentMethodDef, classDef, taxCodeDef,
  invoiceDef, paymentDef, salesReceiptDef, purchaseDef, journalEntryDef, companyInfoDef, preferencesDef,
];

const byLower = new Map(ENTITY_DEFS.map((d) => [d.name.toLowerCase(), d]));

/** The definition for an entity name, case-insensitive ("invoice", "Invoice"). */
export function entityDef(name: string): EntityDef | undefined {
  return byLower.get(name.toLowerCase());
}
