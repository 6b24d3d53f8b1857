#!/usr/bin/python3
"""Makes the small random-weight LPIPS and I3D TorchScript models of the metric tests and what PyTorch/NumPy compute
with them (run by LpipsFvdTest with Debian's /usr/bin/python3; nothing here is committed output):

    metric_models.py OUT_DIR EXPORT_SCRIPTS_DIR

The models come from the studio's own export scripts in their --random-weights mode (the route a user takes with the
real weights). Written to OUT_DIR:
    lpips.pt, i3d.pt                      the exported models (interfaces as documented in the scripts)
    lpips_frames.u8                       uint8 (6, 40, 48, 3): three pairs of frames (pair 2 is identical)
    fvd_frames.u8                         uint8 (2 * CLIPS * FRAMES, 32, 40, 3): real clips, then predicted clips
    lpips_rank.pt, i3d_rank.pt, i3d_size.pt, not_torchscript.pt   models of the wrong shape for the error tests
    reference.json                        LPIPS per pair (a functional re-implementation of the formula on the
                                          exported weights), I3D features per clip, FVD (NumPy, sqrtm trace through
                                          the eigenvalues of the non-symmetric C1 C2)
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT, EXPORTS = sys.argv[1], sys.argv[2]
sys.path.insert(0, EXPORTS)
import export_i3d  # noqa: E402
import export_lpips_vgg  # noqa: E402

CLIPS, FRAMES = 3, 10
os.makedirs(OUT, exist_ok=True)
rng = np.random.RandomState(7)
torch.set_num_threads(1)


def to_input(u8):
    """(N, H, W, 3) uint8 -> (N, 3, H, W) float32 in [-1, 1], computed in float64 like the studio."""
    return torch.from_numpy((u8.astype(np.float64) / 255.0 * 2 - 1).astype(np.float32)).permute(0, 3, 1, 2).contiguous()


def smooth_frames(n, h, w):
    """Random frames with some structure (a blurred noise field plus a gradient), uint8."""
    base = rng.rand(n, h // 4 + 1, w // 4 + 1, 3)
    up = np.kron(base, np.ones((1, 4, 4, 1)))[:, :h, :w, :]
    ramp = np.linspace(0, 0.5, w)[None, None, :, None]
    return np.clip((0.6 * up + ramp + 0.2 * rng.rand(n, h, w, 3)) * 200, 0, 255).astype(np.uint8)


# ---- LPIPS ----
lpips_path = os.path.join(OUT, "lpips.pt")
export_lpips_vgg.main(["--random-weights", "--out", lpips_path, "--seed", "3"])
net = export_lpips_vgg.build(random_weights=True, seed=3)
sd = {k: v.double() for k, v in net.state_dict().items()}

frames = smooth_frames(6, 40, 48)
frames[5] = frames[4]
frames.tofile(os.path.join(OUT, "lpips_frames.u8"))


def lpips_reference(x0, x1):
    """LPIPS written out from the formula on the exported weights, in float64 (not the module's forward)."""
    shift = torch.tensor([-.030, -.088, -.188], dtype=torch.float64).view(1, 3, 1, 1)
    scale = torch.tensor([.458, .448, .450], dtype=torch.float64).view(1, 3, 1, 1)

    def taps(x):
        x = (x.double() - shift) / scale
        out, conv = [], 0
        convs = [i for i, m in enumerate(net.features) if isinstance(m, nn.Conv2d)]
        per_block = [2, 2, 3, 3, 3]
        for block, n in enumerate(per_block):
            if block > 0:
                x = F.max_pool2d(x, 2, 2)
            for _ in range(n):
                i = convs[conv]
                x = F.relu(F.conv2d(x, sd[f"features.{i}.weight"], sd[f"features.{i}.bias"], padding=1))
                conv += 1
            out.append(x)
        return out

    total = 0
    for k, (a, b) in enumerate(zip(taps(x0), taps(x1))):
        a = a / (a.pow(2).sum(dim=1, keepdim=True).sqrt() + 1e-10)
        b = b / (b.pow(2).sum(dim=1, keepdim=True).sqrt() + 1e-10)
        total = total + F.conv2d((a - b) ** 2, sd[f"lin{k}.model.1.weight"]).mean(dim=[1, 2, 3])
    return total


x = to_input(frames)
lpips_ref = lpips_reference(x[0::2], x[1::2]).tolist()
with torch.no_grad():
    lpips_module = net(x[0::2], x[1::2]).double().tolist()

# ---- I3D / FVD ----
i3d_path = os.path.join(OUT, "i3d.pt")
export_i3d.main(["--random-weights", "--width-divisor", "16", "--out", i3d_path, "--seed", "5"])
i3d = export_i3d.build(random_weights=True, width_divisor=16, seed=5)
video = smooth_frames(2 * CLIPS * FRAMES, 32, 40)
video[CLIPS * FRAMES:] = (video[CLIPS * FRAMES:] * 0.6).astype(np.uint8)  # predictions: darker, so FVD is clearly > 0
video.tofile(os.path.join(OUT, "fvd_frames.u8"))
x = F.interpolate(to_input(video), size=(224, 224), mode="bilinear", align_corners=False)
x = x.view(2 * CLIPS, FRAMES, 3, 224, 224).permute(0, 2, 1, 3, 4).contiguous()
with torch.no_grad():
    feats = i3d(x).double().numpy()
real, pred = feats[:CLIPS], feats[CLIPS:]


def frechet(a, b):
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    c1, c2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    eig = np.linalg.eigvals(c1 @ c2)
    tr_sqrt = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(c1) + np.trace(c2) - 2 * tr_sqrt)


# ---- wrong shapes ----
class RankLpips(nn.Module):
    def forward(self, x0, x1):
        return (x0 - x1).abs().mean(dim=[2, 3])  # (N, 3): one value per channel, not per pair


class RankI3d(nn.Module):
    def forward(self, video):
        return video.mean(dim=[2, 3, 4]).unsqueeze(2).repeat(1, 134, 1)[:, :400, :]  # (N, 400, 1)


class SizeI3d(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3 * 112 * 112, 400)  # built for 112x112 single frames

    def forward(self, video):
        return self.fc(video[:, :, 0].reshape(video.shape[0], -1))


torch.jit.script(RankLpips()).save(os.path.join(OUT, "lpips_rank.pt"))
torch.jit.script(RankI3d()).save(os.path.join(OUT, "i3d_rank.pt"))
torch.jit.script(SizeI3d()).save(os.path.join(OUT, "i3d_size.pt"))
with open(os.path.join(OUT, "not_torchscript.pt"), "w") as f:
    f.write("not a model\n")

with open(os.path.join(OUT, "reference.json"), "w") as f:
    json.dump({"lpips": lpips_ref, "lpips_module": lpips_module, "clips": CLIPS, "frames": FRAMES,
               "features": feats.tolist(), "fvd": frechet(real, pred),
               "fvd_real_real": frechet(real[:2], real[1:3])}, f)
print("ok")
