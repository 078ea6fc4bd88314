export { createCatalogService, type CatalogService } from '#modules/catalog/catalog.service.js';
export { createCatalogRouter } from '#modules/catalog/catalog.router.js';
export type { Product, ProductCard, ProductAttributes, ProductStatus } from '#modules/catalog/catalog.rows.js';
export type { CreateProductInput, CreateCategoryInput } from '#modules/catalog/catalog.schemas.js';
export { UNITS } from '#modules/catalog/catalog.schemas.js';
export { isValidGtin, normalizeGtin } from '#modules/catalog/gtin.js';
export { createStorefrontService, type StorefrontService, type ProductDetail, type ListedCard, SORTS, PAGE_SIZE } from '#modules/catalog/storefront.service.js';
