import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The typed client of the example: every operation under src/ (in .graphql files), typed
 * against the graph's public schema, with a manifest of the operations' hashes for the
 * gateway's trusted documents mode. `npm run codegen -w @citipart/partner-site-example`.
 */
/** Where the client is written; the freshness test (test/examples) writes to a temporary folder. */
const output = process.env.CODEGEN_OUTPUT ?? 'src/gql/';

const config: CodegenConfig = {
  schema: '../../schema/api.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [output]: {
      preset: 'client',
      config: {
        scalars: { Date: 'string', DateTimeISO: 'string', CountryCode: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: true,
      },
    },
  },
};

// eslint-disable-next-line no-restricted-syntax -- the generator reads the default export
export default config;
