// `npm run lint`: Prettier's formatting (checked, `npm run format` writes it) and these rules.
import nextPlugin from '@next/eslint-plugin-next'
import tseslint from 'typescript-eslint'

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import through the @/ alias instead of climbing two or more folders.' },
          ],
        },
      ],
    },
  },
  {
    // The layers run downward: app → collections → services → platform. Only the worker's CLI starts the runtime.
    files: ['src/**/*.{ts,tsx}', 'collections/**/*.ts', 'emails/**/*.ts'],
    ignores: ['src/digestCli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import through the @/ alias instead of climbing two or more folders.' },
            {
              group: ['@/workers/*', '**/workers/*'],
              message: 'workers/ only runs the worker; its contract lives in src/services/platform/queues.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import through the @/ alias instead of climbing two or more folders.' },
            { group: ['@/workers/*', '**/workers/*'], message: 'workers/ only runs the worker.' },
            {
              group: ['@/collections/*', '@/src/app/*'],
              allowTypeImports: true,
              message:
                'Services sit below collections and the app: move the rule down beside the service that owns it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The platform is the floor every room of the services stands on: it imports from none of them.
    files: ['src/services/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import through the @/ alias instead of climbing two or more folders.' },
            { group: ['@/workers/*', '**/workers/*'], message: 'workers/ only runs the worker.' },
            {
              group: ['@/collections/*', '@/src/app/*'],
              allowTypeImports: true,
              message:
                'Services sit below collections and the app: move the rule down beside the service that owns it.',
            },
            {
              group: ['../*', '@/src/services/*', '!@/src/services/platform'],
              allowTypeImports: true,
              message:
                'src/services/platform imports from no other room of the services: move the code up to its room.',
            },
          ],
        },
      ],
    },
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
