import type { Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { copyFields, reqString } from '../fields';

/** CompanyInfo: one per realm (Id "1"); sparse updates change its descriptive fields. */
export const companyInfoDef: EntityDef = {
  name: 'CompanyInfo',
  kind: 'singleton',
  cdc: true,
  queryable: ['Id', 'CompanyName', 'LegalName', 'Country', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(_ctx: WriteContext, input: Json): Json {
    const out: Json = { CompanyName: reqString(input, 'CompanyName', 1024) };
    copyFields(input, ['LegalName', 'CompanyAddr', 'LegalAddr', 'CustomerCommunicationAddr', 'PrimaryPhone', 'Email', 'WebAddr', 'Country', 'FiscalYearStartMonth', 'CompanyStartDate', 'SupportedLanguages', 'NameValue'], out);
    return out;
  },
};

/** Preferences: one per realm (Id "1"); the sandbox keeps the sections QBO returns. */
export const preferencesDef: EntityDef = {
  name: 'Preferences',
  kind: 'singleton',
  cdc: true,
  queryable: ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(_ctx: WriteContext, input: Json): Json {
    const out: Json = {};
    copyFields(input, ['AccountingInfoPrefs', 'ProductAndServicesPrefs', 'SalesFormsPrefs', 'EmailMessagesPrefs', 'VendorAndPurchasesPrefs', 'TimeTrackingPrefs', 'TaxPrefs', 'CurrencyPrefs', 'ReportPrefs', 'OtherPrefs'], out);
    return out;
  },
};
