# WorldVLA's action tokens for one demo of an HDF5 file, computed with h5py + NumPy the way WorldVLA's item
# processor and evaluation do. Usage: worldvla_action_tokens_h5.py FILE DEMO worldvla|minmax|q01q99
# (data bounds over every demo of FILE). Prints the JSON `vla-studio tokens actions --json` must equal.
import json
import sys

import h5py
import numpy as np

path, demo, mode = sys.argv[1], sys.argv[2], sys.argv[3]
with h5py.File(path, "r") as f:
    actions = f["data"][demo]["actions"][()].astype(np.float64)
    every = np.concatenate([f["data"][k]["actions"][()] for k in f["data"].keys()], axis=0).astype(np.float64)
if mode == "worldvla":
    min_values = np.array([-0.9375, -0.9375, -0.9375, -0.32571429, -0.375, -0.375, -1.0])
    max_values = np.array([0.9375, 0.9375, 0.9375, 0.375, 0.375, 0.375, 1.0])
elif mode == "minmax":
    min_values, max_values = np.min(every, axis=0), np.max(every, axis=0)
else:
    min_values, max_values = np.quantile(every, 0.01, axis=0), np.quantile(every, 0.99, axis=0)

bins = np.linspace(-1, 1, 256)
centres = (bins[:-1] + bins[1:]) / 2.0
norm = np.clip(2 * (actions - min_values) / (max_values - min_values + 1e-8) - 1, a_min=-1, a_max=1)
tokens = np.digitize(norm, bins) + 10004 + 1
idx = np.clip(tokens - 1 - 10004 - 1, a_min=0, a_max=centres.shape[0] - 1)
decoded = (centres[idx] + 1) / 2 * (max_values - min_values + 1e-8) + min_values
print(json.dumps({"demo": demo, "bounds": {"min": min_values.tolist(), "max": max_values.tolist()},
                  "tokens": tokens.tolist(), "decoded": decoded.tolist()}))
