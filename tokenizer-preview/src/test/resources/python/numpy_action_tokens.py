# Reference for the action tokenizer tests: WorldVLA's action discretisation written out with NumPy, the way
# WorldVLA's item processor and evaluation compute it (float64 throughout).
#
# stdin:  line 1 "MIN <hex>*", line 2 "MAX <hex>*", then "A <hex>*" lines (one action each),
#         "T <int>*" lines (tokens to decode), "Q <hex>*" lines (one column to take quantiles/min/max of).
# stdout: "EDGES <hex>*", "CENTRES <hex>*", then per input line in order:
#         A -> "TOK <int>* | <hex>*" (tokens, then the decoded action), T -> "DEC <hex>*",
#         Q -> "QS <min> <max> <q01> <q99>" (all hex).
import sys
import numpy as np

bins = np.linspace(-1, 1, 256)
centres = (bins[:-1] + bins[1:]) / 2.0
hx = lambda xs: " ".join(float(x).hex() for x in xs)
print("EDGES " + hx(bins))
print("CENTRES " + hx(centres))

min_values = max_values = None
for line in sys.stdin:
    parts = line.split()
    if not parts:
        continue
    kind, vals = parts[0], parts[1:]
    if kind == "MIN":
        min_values = np.array([float.fromhex(v) for v in vals])
    elif kind == "MAX":
        max_values = np.array([float.fromhex(v) for v in vals])
    elif kind == "A":
        action = np.array([float.fromhex(v) for v in vals])
        norm = 2 * (action - min_values) / (max_values - min_values + 1e-8) - 1
        norm = np.clip(norm, a_min=-1, a_max=1)
        tokens = np.digitize(norm, bins) + 10004 + 1
        k = tokens - 1 - 10004
        idx = np.clip(k - 1, a_min=0, a_max=centres.shape[0] - 1)
        decoded = (centres[idx] + 1) / 2 * (max_values - min_values + 1e-8) + min_values
        print("TOK " + " ".join(str(int(t)) for t in tokens) + " | " + hx(decoded))
    elif kind == "T":
        tokens = np.array([int(v) for v in vals])
        idx = np.clip(tokens - 1 - 10004 - 1, a_min=0, a_max=centres.shape[0] - 1)
        decoded = (centres[idx] + 1) / 2 * (max_values - min_values + 1e-8) + min_values
        print("DEC " + hx(decoded))
    elif kind == "Q":
        col = np.array([float.fromhex(v) for v in vals])
        print("QS " + hx([np.min(col), np.max(col), np.quantile(col, 0.01), np.quantile(col, 0.99)]))
