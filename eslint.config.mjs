// `npm run lint`: Prettier's formatting (checked, `npm run format` writes it) and these rules.
import nextPlugin from '@next/eslint-plugin-next'
import tseslint from 'typescript-eslint'

/** Import rules by layer; each block below lists the ones that hold for its files (a later block replaces an earlier one's list). */
const NO_CLIMBING = {
  group: ['../../*'],
  message: 'Import through the @/ alias instead of climbing two or more folders.',
}
const NOT_THE_WORKER = {
  group: ['@/workers/*', '**/workers/*'],
  message: 'workers/ only runs the worker; its contract lives in src/services/platform/queues.ts.',
}
const BELOW_THE_APP = {
  group: ['@/collections/*', '@/src/app/*'],
  allowTypeImports: true,
  message: 'Services sit below collections and the app: move the rule down beside the service that owns it.',
}
const PLATFORM_IS_THE_FLOOR = {
  group: ['../*', '@/src/services/*', '!@/src/services/platform'],
  allowTypeImports: true,
  message: 'src/services/platform imports from no other room of the services: move the code up to its room.',
}
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'dist/**',
      'data/**',
      'node_modules/**',
      'tests/artifacts/**',
      'next-env.d.ts',
      'src/payload-types.ts',
      'src/app/(payload)/**',
      'src/migrations/*.json',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      // Reader pages are plain server-rendered HTML with our own <picture>; Next's <Image> and <Link> are not used on purpose.
      '@next/next/no-img-element': 'off',
      '@next/next/no-html-link-for-pages': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // One path alias instead of climbing: `@/src/…`, `@/collections/…` (tsconfig.json).
      ...restrictImports(NO_CLIMBING),
    },
  },
  {
    // The layers run downward: app → collections → services → platform. Only the worker's CLI starts the runtime.
    files: ['src/**/*.{ts,tsx}', 'collections/**/*.ts', 'emails/**/*.ts'],
    ignores: ['src/digestCli.ts'],
    rules: restrictImports(NO_CLIMBING, NOT_THE_WORKER),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrictImports(NO_CLIMBING, NOT_THE_WORKER, BELOW_THE_APP),
  },
  {
    // The platform is the floor every room of the services stands on: it imports from none of them.
    files: ['src/services/platform/**/*.ts'],
    rules: restrictImports(NO_CLIMBING, NOT_THE_WORKER, BELOW_THE_APP, PLATFORM_IS_THE_FLOOR),
  },
  {
    // Written by `payload migrate:create`: its up/down signatures name arguments a migration may not use.
    files: ['src/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
