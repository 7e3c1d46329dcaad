/** How a line finds its QBO item (itemPlanFor): pure rules, no QBO. */
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { PlatformLine } from '../src/domain/invoice';
import { itemPlanFor } from '../src/domain/invoice';

const settings = effectiveSettingsSchema.parse({
  settings: { accounts: { income: '79', expense: '80' } },
  mappings: {
    glCodes: { '4100': '81' },
    productTypes: { hardware: { itemType: 'NonInventory', itemId: null }, stock: { itemType: 'Inventory', itemId: null }, tools: { itemType: 'Inventory', itemId: '12' } },
    defaults: { oneTimeItemId: '20', recurringItemId: '21' },
  },
});
const line = (extra: Partial<PlatformLine>): PlatformLine => ({ productId: 'p1', quantity: '1', unitPrice: '1.00', taxable: false, recurring: false, ...extra });

describe('item plan of an invoice line', () => {
  it('creates a named product with its product type item type and the GL code or default income account', () => {
    expect(itemPlanFor(settings, line({ productName: 'Router', productType: 'hardware' }))).toEqual({ kind: 'by_name', name: 'Router', type: 'NonInventory', incomeAccountId: '79', expenseAccountId: '80' });
    expect(itemPlanFor(settings, line({ productName: 'Setup', glCode: '4100' }))).toEqual({ kind: 'by_name', name: 'Setup', type: 'Service', incomeAccountId: '81', expenseAccountId: '80' });
  });

  it('uses the item mapped to the product type, and the default items for unnamed products', () => {
    expect(itemPlanFor(settings, line({ productName: 'Drill', productType: 'tools' }))).toEqual({ kind: 'item', itemId: '12' });
    expect(itemPlanFor(settings, line({}))).toEqual({ kind: 'item', itemId: '20' });
    expect(itemPlanFor(settings, line({ recurring: true }))).toEqual({ kind: 'item', itemId: '21' });
  });

  it('does not invent an Inventory item: it asks for one to be mapped to the product type', () => {
    const plan = itemPlanFor(settings, line({ productName: 'Cable', productType: 'stock' }));
    expect(plan).toMatchObject({ kind: 'missing', message: expect.stringContaining('mappings.productTypes.stock.itemId') as unknown });
  });
});
