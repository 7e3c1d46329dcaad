import { LedgerbusError } from '@ledgerbus/kit';

export interface QboErrorItem {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

/** QBO's fault types (reference §9). */
export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault' | 'ServiceFault' | 'SERVICE' | 'AUTHENTICATION' | 'SandboxNotEmulated';

/**
 * A fault as QBO reports it. `shape` "standard" renders `{"Fault":{"Error":[…],"type"}}`;
 * "gateway" renders the lowercase `{"fault":{"error":[…],"type"},"time":<ms>}` of Intuit's
 * API gateway (401/403 and, by setting, 429).
 */
export class QboFault extends LedgerbusError {
  readonly faultType: FaultType;
  readonly errors: QboErrorItem[];
  readonly shape: 'standard' | 'gateway';
  /** Extra response headers (e.g. `X-Sandbox-Not-Emulated`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, faultType: FaultType, errors: QboErrorItem[], shape: 'standard' | 'gateway' = 'standard', headers: Record<string, string> = {}) {
    super(`qbo_fault_${errors[0]?.code ?? 'unknown'}`, errors[0]?.Detail ?? 'QBO fault', { statusCode, retriable: statusCode >= 500 || statusCode === 429 });
    this.faultType = faultType;
    this.errors = errors;
    this.shape = shape;
    this.headers = headers;
  }

  /** The response body; `time` is the formatted server time (standard) or epoch ms (gateway). */
  toBody(time: string, timeMs: number): unknown {
    if (this.shape === 'gateway') {
      // The gateway's body as captured in oauth-jsclient#2 and python-quickbooks#118/#250: the
      // lowercase fault among null / empty keys of its response envelope, time in epoch ms.
      return {
        warnings: null,
        intuitObject: null,
        fault: {
          error: this.errors.map((e) => ({ message: e.Message, detail: e.Detail === '' ? null : e.Detail, code: e.code, element: e.element ?? null })),
          type: this.faultType,
        },
        report: null,
        queryResponse: null,
        batchItemResponse: [],
        attachableResponse: [],
        syncErrorResponse: null,
        requestId: null,
        time: timeMs,
        status: null,
        cdcresponse: [],
      };
    }
    return { Fault: this.faultFields(), time };
  }

  /** `{"Error":[…],"type"}` as it appears inside a batch item. */
  faultFields(): { Error: QboErrorItem[]; type: FaultType } {
    return { Error: this.errors.map((e) => ({ Message: e.Message, Detail: e.Detail, code: e.code, element: e.element ?? '' })), type: this.faultType };
  }
}

function validation(code: string, message: string, detail: string, element = ''): QboFault {
  return new QboFault(400, 'ValidationFault', [{ Message: message, Detail: detail, code, element }]);
}

export const faults = {
  duplicateName(kind: 'name' | 'account' | 'item' = 'name'): QboFault {
    const detail =
      kind === 'name'
        ? 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.'
        : kind === 'account'
          ? 'The name supplied already exists. : Another account is already using this name. Please use a different name.'
          : 'The name supplied already exists. : Another product or service is already using this name. Please use a different name.';
    return validation('6240', 'Duplicate Name Exists Error', detail);
  },
  objectNotFound(entity: string, id: string): QboFault {
    return validation(
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`,
      `${entity}:${id}`,
    );
  },
  staleObject(): QboFault {
    return validation(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
    );
  },
  requiredParam(field: string): QboFault {
    return validation('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${field} is missing in the request`, field);
  },
  invalidReference(refName: string, id: string, entity: string): QboFault {
    return validation(
      '2500',
      'Invalid Reference Id',
      `Invalid Reference Id : ${entity} assigned to this transaction has been deleted or made inactive. Before you can modify this transaction, you must restore ${entity} (Id ${id}) referenced by ${refName}.`,
      refName,
    );
  },
  invalidValue(field: string, detail: string): QboFault {
    return validation('2080', 'Invalid value', detail, field);
  },
  invalidString(field: string, detail: string): QboFault {
    return validation('2050', 'Invalid String Length', detail, field);
  },
  businessValidation(reason: string, element = ''): QboFault {
    return validation('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${reason}`, element);
  },
  amountMismatch(detail: string): QboFault {
    return validation('6070', 'Amount is not equal to UnitPrice * Qty', detail, 'Amount');
  },
  duplicateDocNumber(docNumber: string): QboFault {
    return validation('6140', 'Duplicate Document Number Error', `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice`, 'DocNumber');
  },
  unsupportedOperation(detail: string): QboFault {
    return validation('500', 'Unsupported Operation', detail);
  },
  invalidQuery(detail: string): QboFault {
    return validation('4001', 'Invalid query', `QueryValidationError: ${detail}`);
  },
  queryParse(detail: string): QboFault {
    return validation('4000', 'Error parsing query', `QueryParserError: ${detail}`);
  },
  requestParse(detail: string): QboFault {
    return validation('2010', 'Request has invalid or unsupported property', detail);
  },
  /** A property QBO's schema does not have: 2010, the Detail naming it as QBO's JSON binding does. */
  unknownProperty(path: string, name: string): QboFault {
    return validation('2010', 'Request has invalid or unsupported property', `Property Name:Unrecognized field "${name}" specified is unsupported or invalid`, path);
  },
  systemError(): QboFault {
    return new QboFault(500, 'SystemFault', [{ Message: 'An application error has occurred while processing your request', Detail: 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.', code: '10000', element: '' }]);
  },
  serviceUnavailable(): QboFault {
    return new QboFault(503, 'SERVICE', [{ Message: 'message=ServiceUnavailable; errorCode=003503; statusCode=503', Detail: 'The service is temporarily unavailable. Try again later', code: '3503', element: '' }]);
  },
  authentication(detail: string): QboFault {
    return new QboFault(401, 'AUTHENTICATION', [{ Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', Detail: detail, code: '3200' }], 'gateway');
  },
  /**
   * 403 from the gateway: a valid token used on a company it was not issued for, or an unknown
   * company. Message, code, type and the null detail as in oauth-jsclient#2 and node-quickbooks#154.
   */
  authorization(): QboFault {
    return new QboFault(403, 'SERVICE', [{ Message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403', Detail: '', code: '3100' }], 'gateway');
  },
  throttled(shape: 'standard' | 'gateway'): QboFault {
    return new QboFault(429, 'SERVICE', [{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', Detail: 'The request limit was reached.  Try again later', code: '3001' }], shape);
  },
  notFoundUrl(path: string): QboFault {
    return new QboFault(404, 'ValidationFault', [{ Message: 'Resource not found', Detail: `No resource at ${path}`, code: '404', element: '' }]);
  },
};
