export { createFulfilmentService, type FulfilmentService, DISCREPANCIES } from '#modules/fulfilment/fulfilment.service.js';
export { createSettlementService, type SettlementService, type PeriodStatement, type MemberStatement } from '#modules/fulfilment/settlement.service.js';
export { createMemberFulfilmentRouter, createAdminFulfilmentRouter } from '#modules/fulfilment/fulfilment.router.js';
