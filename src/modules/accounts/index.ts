export { createAccountsService, type AccountsService } from '#modules/accounts/accounts.service.js';
export type { User, Buyer, Role, UserStatus } from '#modules/accounts/accounts.rows.js';
export type { CreateUserInput, CreateBuyerInput } from '#modules/accounts/accounts.schemas.js';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from '#modules/accounts/password.js';
