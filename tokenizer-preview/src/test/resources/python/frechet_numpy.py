"""Reads 2n feature rows (CSV on stdin: n real, n predicted, d columns) and prints the Frechet distance the common FVD
implementations compute (NumPy: means, np.cov, trace of sqrtm(C1 C2) via the eigenvalues of C1 C2) and its time in ms."""
import sys
import time

import numpy as np

n, d = int(sys.argv[1]), int(sys.argv[2])
x = np.loadtxt(sys.stdin, delimiter=",").reshape(2 * n, d)
a, b = x[:n], x[n:]
t0 = time.perf_counter()
mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
c1, c2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
tr = np.sqrt(np.clip(np.linalg.eigvals(c1 @ c2).real, 0, None)).sum()
value = ((mu1 - mu2) ** 2).sum() + np.trace(c1) + np.trace(c2) - 2 * tr
print(f"{value!r} {(time.perf_counter() - t0) * 1000:.3f}")
