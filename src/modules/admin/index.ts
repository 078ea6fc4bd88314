export { createAdminRouter } from '#modules/admin/admin.router.js';
