/** Jest runs TypeScript through SWC (type checking is `npm run typecheck`). */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    // A few dependencies ship only ES modules (cookie@2, used by fastify's inject()); compile them for jest.
    '^.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie)/)'],
  moduleNameMapper: {
    '^@ledgerbus/qbo-sandbox$': '<rootDir>/services/qbo-sandbox/src/index.ts',
    '^@ledgerbus/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  rootDir: __dirname,
};

module.exports = {
  // testTimeout is a global option in jest (projects ignore it): fast tests finish far below it anyway.
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,tools}/*/{src,test}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$', '\\.fault\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools}/*/{src,test}/**/*.int.test.ts'],
    },
    {
      ...shared,
      // `npm run test:faults`: restarts its own PostgreSQL cluster and Kafka broker (never the shared ones).
      displayName: 'faults',
      testMatch: ['<rootDir>/{libs,services,tools}/*/{src,test}/**/*.fault.test.ts'],
    },
  ],
};
