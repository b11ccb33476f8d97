/**
 * npm run calibrate [-- --check]
 *
 * Fits the answer confidence (src/answer/confidence-model.json): a logistic regression over
 * the named evidence of each question's best candidates, on the tuning sets only
 (FAQ questions against knowledge/, document questions against knowledge/ plus the fictional
 * documents: scripts/lib/corpus.ts). Then picks the two thresholds on the same sets and writes the model
 * with its precision/recall report. Deterministic: run it again and the file is the same.
 * --check: fail (exit 1) when the checked-in model differs from what calibrate would write.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModel, MODEL_URL } from '../src/answer/confidence.js';
import { calibrate } from './lib/calibration.js';
import { openEvalIndexes } from './lib/corpus.js';

const model = await calibrate(await openEvalIndexes('knowledge'), loadModel());
const text = JSON.stringify(model, null, 2) + '\n';
const path = fileURLToPath(MODEL_URL);
if (process.argv.includes('--check')) {
  const checkedIn = await readFile(path, 'utf8');
  if (checkedIn !== text) {
    console.error(`❌ ${path} khác với kết quả của npm run calibrate: chạy lại npm run calibrate rồi commit.`);
    process.exit(1);
  }
  console.log('✅ mô hình đã hiệu chỉnh khớp với tệp trong kho');
} else {
  await writeFile(path, text);
  console.log(`Đã ghi ${path}`);
  console.log(JSON.stringify({ thresholds: model.thresholds, weights: model.weights, bias: model.bias }, null, 1));
  console.log(JSON.stringify(model.report, null, 1));
}
