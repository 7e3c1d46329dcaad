import {
  DATABASE_UNAVAILABLE,
  LedgerbusError,
  UnavailableError,
  ValidationError,
  errorCode,
  isDatabaseUnavailable,
  isRetriable,
} from '@ledgerbus/kit';

/** An error shaped like the ones the pg driver and Node's net module throw. */
function driverError(message: string, props: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), props);
}

/** A knex pool acquire timeout (knex's KnexTimeoutError is an Error named so). */
function knexTimeout(): Error {
  const err = new Error('Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?');
  err.name = 'KnexTimeoutError';
  return err;
}

const unavailable: Array<[string, unknown]> = [
  ['a refused connection (ECONNREFUSED)', driverError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' })],
  ['a reset connection (ECONNRESET)', driverError('read ECONNRESET', { code: 'ECONNRESET', syscall: 'read' })],
  ['a connection the server ended', driverError('Connection terminated unexpectedly')],
  ['a connection the driver gave up on', driverError('Client has encountered a connection error and is not queryable')],
  ['57P01 admin_shutdown', driverError('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' })],
  ['57P02 crash_shutdown', driverError('terminating connection because of crash of another server process', { code: '57P02' })],
  ['57P03 while shutting down', driverError('the database system is shutting down', { code: '57P03' })],
  ['57P03 while starting up', driverError('the database system is starting up', { code: '57P03' })],
  ['08006 connection_failure', driverError('connection failure', { code: '08006' })],
  ['08001 sqlclient_unable_to_establish_sqlconnection', driverError('could not connect', { code: '08001' })],
  ['a knex pool acquire timeout (KnexTimeoutError)', knexTimeout()],
  ['an AggregateError of refused connections (IPv4 and IPv6)', Object.assign(new AggregateError([driverError('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], ''), {})],
  ['a wrapper whose cause is a cut connection', new Error('insert failed', { cause: driverError('Connection terminated unexpectedly') })],
  ['a LedgerbusError coded database_unavailable', new LedgerbusError(DATABASE_UNAVAILABLE, 'ping failed', { retriable: true, statusCode: 503 })],
];

describe('database-unavailable classification', () => {
  it.each(unavailable)('classes %s as the database being unavailable, retriable, code database_unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isRetriable(err)).toBe(true);
    expect(errorCode(err)).toBe('database_unavailable');
  });

  it('keeps query errors that retrying cannot fix non-retriable with their own code', () => {
    const uniqueViolation = driverError('duplicate key value violates unique constraint "x_pkey"', { code: '23505' });
    const syntax = driverError('syntax error at or near "selec"', { code: '42601' });
    for (const err of [uniqueViolation, syntax]) {
      expect(isDatabaseUnavailable(err)).toBe(false);
      expect(isRetriable(err)).toBe(false);
    }
    expect(errorCode(uniqueViolation)).toBe('23505');
  });

  it('never classes a Kafka client error as the database, even one carrying ECONNREFUSED (a broker outage keeps its own code)', () => {
    // kafkajs puts the socket's code on its KafkaJSConnectionError and chains it as a cause of later errors.
    const connection = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError', code: 'ECONNREFUSED', retriable: true });
    const exhausted = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { cause: connection }), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false });
    for (const err of [connection, exhausted]) expect(isDatabaseUnavailable(err)).toBe(false);
    expect(errorCode(connection)).toBe('ECONNREFUSED');
    expect(isRetriable(connection)).toBe(true);
  });

  it('never classes programmer errors, validation errors or other typed errors as the database', () => {
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: driverError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) }))).toBe(false);
    expect(isRetriable(new TypeError('x is not a function'))).toBe(false);
    const validation = new ValidationError('invalid body', undefined, driverError('Connection terminated unexpectedly'));
    expect(isDatabaseUnavailable(validation)).toBe(false);
    expect(isRetriable(validation)).toBe(false);
    expect(errorCode(new UnavailableError('qbo_unavailable', 'QBO answered 503'))).toBe('qbo_unavailable');
    expect(isDatabaseUnavailable(new UnavailableError('qbo_unavailable', 'QBO answered 503'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated unexpectedly')).toBe(false);
  });
});
