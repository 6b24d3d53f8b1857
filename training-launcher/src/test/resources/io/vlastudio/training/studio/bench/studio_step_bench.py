"""Reference for the studio model's training step: the same transformer, batch, loss and AdamW update in PyTorch.

Reads what StudioModelBench wrote (spec.json, <name>.f32 weights, batch .bin files), checks the loss of the first
forward against the value DJL computed, then times forward + backward + AdamW over the same batch. Prints one JSON
line. Run with Debian's /usr/bin/python3 (torch 1.13).
"""
import json, math, os, resource, sys, time
import numpy as np
import torch

d = sys.argv[1]
threads = int(sys.argv[2])
reps = int(sys.argv[3])
torch.set_num_threads(threads)
torch.set_num_interop_threads(1)
spec = json.load(open(os.path.join(d, "spec.json")))
cfg = spec["model"]
params = {}
for name, shape in spec["shapes"].items():
    a = np.fromfile(os.path.join(d, name + ".f32"), dtype="<f4").reshape(shape)
    params[name] = torch.tensor(a, requires_grad=True)
B, L = spec["batch"], spec["length"]
ids = torch.tensor(np.fromfile(os.path.join(d, "ids.bin"), dtype="<i8").reshape(B, L))
mask = torch.tensor(np.fromfile(os.path.join(d, "mask.bin"), dtype="u1").reshape(B, L, L).astype(bool))
targets = torch.tensor(np.fromfile(os.path.join(d, "targets.bin"), dtype="<i8").reshape(B, L))
weights = torch.tensor(np.fromfile(os.path.join(d, "weights.bin"), dtype="<f4").reshape(B, L))
V, D, H = cfg["vocabSize"], cfg["width"], cfg["heads"]
hd = D // H


def norm(x, n):
    m = x.mean(-1, keepdim=True)
    c = x - m
    v = (c * c).mean(-1, keepdim=True)
    return c / torch.sqrt(v + 1e-5) * params[n + ".g"] + params[n + ".b"]


def forward():
    p = params
    x = p["wte"][ids] + p["wpe"][0:L]
    bias = (~mask).float().mul(-1e9).unsqueeze(1)
    for l in range(cfg["layers"]):
        pre = "h%d." % l
        a = norm(x, pre + "ln1")
        qkv = (a @ p[pre + "attn.w"] + p[pre + "attn.b"]).reshape(B, L, 3, H, hd).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        s = (q @ k.transpose(2, 3)) * (1.0 / math.sqrt(hd)) + bias
        att = (s.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(B, L, D)
        x = x + (att @ p[pre + "proj.w"] + p[pre + "proj.b"])
        h = torch.nn.functional.gelu(norm(x, pre + "ln2") @ p[pre + "fc.w"] + p[pre + "fc.b"])
        x = x + (h @ p[pre + "out.w"] + p[pre + "out.b"])
    logits = norm(x, "lnf") @ p["head.w"] + p["head.b"]
    picked = (logits.log_softmax(-1) * torch.nn.functional.one_hot(targets, V).float()).sum(-1)
    return -(picked * weights).sum() / weights.sum().clamp_min(1e-12)


state = {n: (torch.zeros_like(t), torch.zeros_like(t)) for n, t in params.items()}
step = [0]


def train_step(lr=1e-3, b1=0.9, b2=0.95, eps=1e-8, wd=0.1, clip=4.0):
    for t in params.values():
        t.grad = None
    loss = forward()
    loss.backward()
    with torch.no_grad():
        norm_ = math.sqrt(sum(float((t.grad * t.grad).sum()) for t in params.values()))
        scale = clip / (norm_ + 1e-6) if norm_ > clip else 1.0
        step[0] += 1
        bc1 = 1 - b1 ** step[0]
        bc2 = 1 - b2 ** step[0]
        for n, t in params.items():
            m, v = state[n]
            g = t.grad * scale
            m.mul_(b1).add_(g * (1 - b1))
            v.mul_(b2).add_(g * g * (1 - b2))
            upd = (m / bc1) / (torch.sqrt(v / bc2) + eps)
            if t.dim() > 1 and n != "wpe":
                t.mul_(1 - lr * wd)
            t.sub_(upd * lr)
    return float(loss)


with torch.no_grad():
    first = float(forward())
for _ in range(3):
    train_step()
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    train_step()
    times.append(time.perf_counter() - t0)
times.sort()
def peak_mib():
    # VmHWM is per address space; ru_maxrss would carry the parent JVM's peak across fork + exec on Linux
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "first_loss": first,
                  "median_step_s": times[len(times) // 2], "min_step_s": times[0],
                  "peak_rss_mib": peak_mib()}))
