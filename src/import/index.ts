/** Importing official documents (.docx, .doc, .pdf, .html, .md, .txt) into knowledge/regulations/. */
export { ImportError } from './errors.js';
export { IMPORTABLE_EXTENSIONS, formatOf, readDocument } from './read.js';
export { detectHeader, type Header } from './header.js';
export { convertLines, regulationId, type RegulationMeta } from './convert.js';
export { commitImport, importFile, prepareImport, regulationFile, REGULATIONS_DIR, type CommittedImport, type PreparedImport } from './store.js';
export { documentName, structureText, summaryLines, summaryMessage } from './summary.js';
export { DEFAULT_LIMITS, LIMIT_FLAGS, LIMIT_TEXTS, limitsFromFlags, type ImportLimits } from './limits.js';
export { warmWorker } from './sandbox.js';
