# Times TorchScript encoder calls in Python, the way the studio's DJL path runs them: a uint8 RGB frame is turned
# into float32 x / 255 * 2 - 1 (CHW, batch 1) and encoded, one frame per call.
# Usage: bench_torchscript_encode.py ENCODER_PT RESOLUTION THREADS WARMUP SECONDS
# Prints: "frames_per_second <float> frames <int>"
import sys
import time

import numpy as np
import torch

path, res, threads, warmup, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
torch.set_num_threads(threads)
torch.set_num_interop_threads(1)
encoder = torch.jit.load(path)
encoder.eval()
rng = np.random.default_rng(1)
frame = rng.integers(0, 256, size=(res, res, 3), dtype=np.uint8)


def encode():
    x = torch.from_numpy(frame / 255.0 * 2 - 1).permute(2, 0, 1).float().unsqueeze(0)
    with torch.no_grad():
        return encoder(x)


for _ in range(warmup):
    encode()
n = 0
t0 = time.perf_counter()
while time.perf_counter() - t0 < seconds or n < 3:
    encode()
    n += 1
elapsed = time.perf_counter() - t0
print("frames_per_second %.6f frames %d" % (n / elapsed, n))
