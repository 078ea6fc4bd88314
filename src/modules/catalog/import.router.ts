import { Router } from 'express';
import { field } from '#platform/http/forms.js';
import { uploadFields } from '#platform/uploads/multer.js';
import { auditContext, authorize } from '#modules/accounts/index.js';
import type { CatalogImportService, ImportResult } from '#modules/catalog/catalog-import.service.js';

export interface CatalogImportRouterDeps {
  catalogImport: CatalogImportService;
}

const coordinator = authorize({ who: ['coordinator'] });
const VIEW = 'catalog/admin-import';
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

// Bytes that never occur in a text file: NUL and the C0 controls other than tab, line feed, CR.
const binaryByte = (b: number) => b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f;

/** The upload as text, or why it is not a CSV file we read: a field error and its status. */
function csvText(file: Express.Multer.File | undefined): { text: string } | { error: string; status: number } {
  if (!file || file.size === 0) return { error: 'errors:field.fileRequired', status: 422 };
  if (file.buffer.length > MAX_CSV_BYTES) return { error: 'errors:field.csvTooLarge', status: 413 };
  if (file.buffer.some(binaryByte)) return { error: 'errors:field.csvFile', status: 415 };
  try {
    // fatal: refuse anything that is not UTF-8; a leading BOM is dropped.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file.buffer) };
  } catch {
    return { error: 'errors:field.csvFile', status: 415 };
  }
}

const page = (mode: string, extra: { errors?: Record<string, string>; formError?: string; result?: ImportResult } = {}) => ({
  mode,
  errors: {},
  result: undefined,
  ...extra,
});

/** /admin/catalog.csv and /admin/catalog/import: the whole catalog as a spreadsheet, out and in. */
export function createCatalogImportRouter({ catalogImport }: CatalogImportRouterDeps): Router {
  const router = Router();

  router.get('/catalog.csv', coordinator, async (_req, res) => {
    const csv = await catalogImport.exportCsv();
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${catalogImport.exportFileName()}"`,
      'Cache-Control': 'no-store',
    });
    res.send(csv);
  });
  router.get('/catalog/import', coordinator, (_req, res) => res.render(VIEW, page('dry-run')));
  router.post('/catalog/import', coordinator, uploadFields([{ name: 'file', maxCount: 1 }]), async (req, res) => {
    const mode = field(req.body, 'mode') === 'apply' ? 'apply' : 'dry-run';
    const upload = csvText((req.files as Record<string, Express.Multer.File[]> | undefined)?.file?.[0]);
    if ('error' in upload) {
      res.status(upload.status).render(VIEW, page(mode, { errors: { file: upload.error }, formError: 'errors:validation.message' }));
      return;
    }
    const result = await catalogImport.importCsv(upload.text, { apply: mode === 'apply' }, auditContext(req));
    res.status(result.errors.length ? 422 : 200).render(VIEW, page(mode, { result }));
  });
  return router;
}
