/**
 * L2-regularised logistic regression fitted by Newton's method: deterministic (no random
 * start, no shuffling), so the same rows always give the same weights.
 */
export function fitLogistic(rows: number[][], labels: number[], lambda = 0.5, iterations = 50): { bias: number; weights: number[] } {
  const d = rows[0]!.length + 1;
  const x = rows.map((r) => [1, ...r]);
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((xi, n) => {
      const p = 1 / (1 + Math.exp(-dot(w, xi)));
      const s = p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - labels[n]!) * xi[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += s * xi[i]! * xi[j]!;
      }
    });
    // The bias is not shrunk.
    for (let i = 1; i < d; i++) {
      grad[i]! += lambda * w[i]!;
      hess[i]![i]! += lambda;
    }
    const step = solve(hess, grad);
    w = w.map((v, i) => v - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { bias: w[0]!, weights: w.slice(1) };
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}
