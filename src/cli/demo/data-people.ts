import type { DemoBuyer, DemoUser } from '#src/cli/demo/types.js';

// The alliance coordinator and two buyer organisations abroad. Every demo account shares one password.

export const DEMO_PASSWORD = 'highlands-demo-2026';

export const DEMO_COORDINATOR: DemoUser = {
  email: 'coordinator@doi-highlands.example',
  displayName: 'Siriporn Kaewmanee',
  locale: 'en',
};

export const DEMO_BUYERS: DemoBuyer[] = [
  {
    buyer: {
      kind: 'organisation',
      name: 'Altura Verde Importaciones S.L.',
      country: 'ES',
      taxId: 'ESB86512043',
      locale: 'es',
      displayCurrency: 'EUR',
    },
    user: { email: 'lucia.fernandez@alturaverde.example', displayName: 'Lucía Fernández Ortega', locale: 'es' },
  },
  {
    buyer: {
      kind: 'organisation',
      name: '雲嶺茶飲股份有限公司 (Yunling Tea House Co., Ltd.)',
      country: 'TW',
      taxId: '53714060',
      locale: 'zh-TW',
      displayCurrency: 'TWD',
    },
    user: { email: 'yichun.lin@yunling-tea.example', displayName: '林怡君', locale: 'zh-TW' },
  },
];
