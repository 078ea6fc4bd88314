import type { Clock } from '#platform/clock.js';
import type { Config } from '#platform/config.js';
import type { Db } from '#platform/db/index.js';
import { createSettings } from '#platform/settings/index.js';
import { createAccountsService } from '#modules/accounts/index.js';
import { createCatalogService } from '#modules/catalog/index.js';
import { createMembersService } from '#modules/members/index.js';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
}

/** The composition root: every service is built once here, from its dependencies. */
export function createServices({ config, db, clock }: ServiceDeps) {
  const defaultLocale = config.defaultLocale;
  return {
    settings: createSettings(db, clock),
    accounts: createAccountsService({ db, clock }),
    members: createMembersService({ db, clock, defaultLocale }),
    catalog: createCatalogService({ db, clock, defaultLocale }),
  };
}

export type Services = ReturnType<typeof createServices>;
