// Jest runs the TypeScript sources as native ES modules (wechaty 1.x is ESM-only), so
// `npm test` starts node with --experimental-vm-modules. @swc/jest strips the types;
// `tsc --noEmit` in `npm test` does the type checking once for the whole tree.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  // Sources import siblings as './x.js' (NodeNext style); jest resolves them to the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
};
