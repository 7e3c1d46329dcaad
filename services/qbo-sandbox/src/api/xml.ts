import { isObject } from '../store/fields';
import { Money } from '../store/money';

/**
 * QBO's XML answers (what QBO sends when the request does not ask for JSON): the
 * `IntuitResponse` envelope of Intuit's schema (`xmlns="http://schema.intuit.com/finance/v3"`,
 * `time` attribute), entity fields as elements in JSON order, arrays as repeated elements,
 * `domain` / `sparse` as attributes of the entity, references as `<CustomerRef name="…">24</CustomerRef>`
 * and a Fault as `<Fault type><Error code element><Message/><Detail/></Error></Fault>` (the shape of
 * the XML fixtures quoted in the reference, §3 and §9).
 */
const NS = 'http://schema.intuit.com/finance/v3';
const ENTITY_ATTRIBUTES = new Set(['domain', 'sparse', 'status']);

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function scalar(value: unknown): string {
  if (value instanceof Money) return value.toFixed();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function element(name: string, value: unknown, entityLevel = false): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (!isObject(value) || value instanceof Money) return `<${name}>${esc(scalar(value))}</${name}>`;
  const attrs: string[] = [];
  const children: string[] = [];
  const isRef = !entityLevel && typeof value.value === 'string' && Object.keys(value).every((k) => k === 'value' || k === 'name' || k === 'type');
  for (const [k, v] of Object.entries(value)) {
    if (isRef && k === 'value') continue;
    if ((isRef || (entityLevel && ENTITY_ATTRIBUTES.has(k))) && !isObject(v) && !Array.isArray(v)) attrs.push(` ${k}="${esc(scalar(v))}"`);
    else children.push(element(k, v));
  }
  const body = isRef ? esc(scalar(value.value)) : children.join('');
  return `<${name}${attrs.join('')}>${body}</${name}>`;
}

/** `{Entity: {...}, time}` or `{Fault: {...}, time}` as QBO's XML document. */
export function toQboXml(payload: Record<string, unknown>): string {
  const time = typeof payload.time === 'string' ? payload.time : '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(payload)) {
    if (k === 'time') continue;
    if (k === 'Fault' && isObject(v)) {
      const errors = Array.isArray(v.Error) ? v.Error : [];
      const inner = errors
        .map((e) => (isObject(e) ? `<Error code="${esc(scalar(e.code))}"${e.element ? ` element="${esc(scalar(e.element))}"` : ''}><Message>${esc(scalar(e.Message))}</Message><Detail>${esc(scalar(e.Detail))}</Detail></Error>` : ''))
        .join('');
      parts.push(`<Fault type="${esc(scalar(v.type))}">${inner}</Fault>`);
    } else {
      parts.push(element(k, v, true));
    }
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="${NS}" time="${esc(time)}">${parts.join('')}</IntuitResponse>`;
}

/** Whether the request asks for JSON (QBO answers XML unless `Accept` names application/json). */
export function acceptsJson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/json/i.test(accept);
}
