/**
 * Authoring-time script (not run by the tests): writes the Word 97 (.doc) fixture
 * test/fixtures/import/quyet-dinh-word97.doc from a generated .docx with LibreOffice:
 *   npx tsx test/import/make-doc-fixture.ts   (needs soffice: apt-get install libreoffice-writer-nogui)
 * The content is fictional; see DOC_FIXTURE in real-layout.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeDocx } from './generate.js';
import { DOC_FIXTURE } from './real-layout.js';

const dir = mkdtempSync(path.join(tmpdir(), 'doc-fixture-'));
const docx = path.join(dir, 'quyet-dinh-word97.docx');
writeFileSync(docx, await makeDocx(DOC_FIXTURE.header, DOC_FIXTURE.body));
execFileSync('soffice', ['--headless', '--convert-to', 'doc:MS Word 97', '--outdir', dir, docx], { stdio: 'inherit' });
renameSync(path.join(dir, 'quyet-dinh-word97.doc'), path.resolve('test/fixtures/import/quyet-dinh-word97.doc'));
console.log('written test/fixtures/import/quyet-dinh-word97.doc');
