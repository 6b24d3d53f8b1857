#!/usr/bin/env python3
"""Export LPIPS (VGG, version 0.1) to the TorchScript file VLA Studio's perceptual metrics load with DJL.

Run once, where PyTorch and the weights are (VLA Studio never ships weights):

    python3 export_lpips_vgg.py --lpips-weights <site-packages>/lpips/weights/v0.1/vgg.pth \
        --vgg-weights ~/.cache/torch/hub/checkpoints/vgg16-397923af.pth --out ~/metrics/lpips_vgg.pt

--lpips-weights is the linear-head file of the `lpips` pip package (found by itself when `import lpips` works);
--vgg-weights is torchvision's ImageNet VGG16 state dict that `lpips.LPIPS(net='vgg')` loads (found by itself in
torch hub's cache). Needs only PyTorch (>= 1.13): no lpips or torchvision code is imported to build the network.

The exported module's interface (what the studio checks when it loads the file):
    forward(x0, x1): two float32 RGB batches (N, 3, H, W) in [-1, 1] (pixel / 255 * 2 - 1), H, W >= 16
                     ->  float32 (N,): the LPIPS distance of each pair (0 for identical images)
It computes what lpips.LPIPS(net='vgg', version='0.1') computes with normalize=False, spatial=False: the scaling layer
(shift [-.030, -.088, -.188], scale [.458, .448, .450]), VGG16's relu1_2, relu2_2, relu3_3, relu4_3 and relu5_3
activations, each unit-normalised over channels (eps 1e-10), squared differences weighted by the 1x1 linear heads,
averaged over space and summed over the five layers.

--random-weights builds the same structure with seeded random weights and every width divided by --width-divisor
(default 16): a small file with the same interface, for tests and for trying the studio without the weights.
--check re-loads the file and compares it with the eager network on random inputs.
"""
import argparse
import os
import sys

import torch
import torch.nn as nn

VGG_WIDTHS = (64, 128, 256, 512, 512)
CONVS_PER_BLOCK = (2, 2, 3, 3, 3)
SHIFT = (-.030, -.088, -.188)
SCALE = (.458, .448, .450)


def vgg_features(widths):
    """torchvision's vgg16().features layout (same indices, so its state dict keys `features.<i>.*` load as is)."""
    layers, c_in = [], 3
    for block, (width, convs) in enumerate(zip(widths, CONVS_PER_BLOCK)):
        if block > 0:
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        for _ in range(convs):
            layers += [nn.Conv2d(c_in, width, kernel_size=3, padding=1), nn.ReLU(inplace=False)]
            c_in = width
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


def unit_diff(a, b):
    """Squared difference of the two activations, each unit-normalised over channels (lpips' normalize_tensor)."""
    a = a / (torch.sqrt(torch.sum(a ** 2, dim=1, keepdim=True)) + 1e-10)
    b = b / (torch.sqrt(torch.sum(b ** 2, dim=1, keepdim=True)) + 1e-10)
    return (a - b) ** 2


class LinHead(nn.Module):
    """lpips' NetLinLayer: dropout then a bias-free 1x1 conv to one channel (keys `lin<k>.model.1.weight`)."""

    def __init__(self, channels):
        super().__init__()
        self.model = nn.Sequential(nn.Dropout(), nn.Conv2d(channels, 1, kernel_size=1, bias=False))

    def forward(self, x):
        return self.model(x)


class LpipsVgg(nn.Module):
    def __init__(self, widths=VGG_WIDTHS):
        super().__init__()
        # the five taps (end index, exclusive) into vgg16().features: relu1_2, relu2_2, relu3_3, relu4_3, relu5_3
        self.tap_ends = [4, 9, 16, 23, 30]
        self.register_buffer("shift", torch.tensor(SHIFT).view(1, 3, 1, 1))
        self.register_buffer("scale", torch.tensor(SCALE).view(1, 3, 1, 1))
        self.features = vgg_features(widths)
        self.lin0 = LinHead(widths[0])
        self.lin1 = LinHead(widths[1])
        self.lin2 = LinHead(widths[2])
        self.lin3 = LinHead(widths[3])
        self.lin4 = LinHead(widths[4])

    def taps(self, x):
        x = (x - self.shift) / self.scale
        out = []
        for i, layer in enumerate(self.features):
            x = layer(x)
            if i + 1 in self.tap_ends:
                out.append(x)
        return out

    def forward(self, x0, x1):
        f0 = self.taps(x0)
        f1 = self.taps(x1)
        return (self.lin0(unit_diff(f0[0], f1[0])).mean(dim=[1, 2, 3])
                + self.lin1(unit_diff(f0[1], f1[1])).mean(dim=[1, 2, 3])
                + self.lin2(unit_diff(f0[2], f1[2])).mean(dim=[1, 2, 3])
                + self.lin3(unit_diff(f0[3], f1[3])).mean(dim=[1, 2, 3])
                + self.lin4(unit_diff(f0[4], f1[4])).mean(dim=[1, 2, 3]))


def build(random_weights=False, width_divisor=16, seed=0, lpips_weights=None, vgg_weights=None):
    if random_weights:
        torch.manual_seed(seed)
        net = LpipsVgg(tuple(max(1, w // width_divisor) for w in VGG_WIDTHS))
        for head in (net.lin0, net.lin1, net.lin2, net.lin3, net.lin4):
            head.model[1].weight.data.abs_()  # lpips' heads are non-negative
        return net.eval()
    net = LpipsVgg()
    vgg = torch.load(vgg_weights, map_location="cpu")
    feats = {k[len("features."):]: v for k, v in vgg.items() if k.startswith("features.")}
    if not feats:
        sys.exit(f"{vgg_weights}: no 'features.*' keys; expected torchvision's vgg16 state dict")
    net.features.load_state_dict(feats, strict=True)
    lin = torch.load(lpips_weights, map_location="cpu")
    heads = {}
    for k, v in lin.items():
        # lpips saves `lin<k>.model.1.weight` (with dropout) or `lin<k>.model.0.weight` (without)
        parts = k.split(".")
        if len(parts) == 4 and parts[0].startswith("lin") and parts[1] == "model":
            heads[f"{parts[0]}.model.1.weight"] = v
    missing = [f"lin{k}.model.1.weight" for k in range(5) if f"lin{k}.model.1.weight" not in heads]
    if missing:
        sys.exit(f"{lpips_weights}: missing {missing}; expected the lpips package's weights/v0.1/vgg.pth")
    for k in range(5):
        getattr(net, f"lin{k}").model[1].weight.data.copy_(heads[f"lin{k}.model.1.weight"])
    return net.eval()


def default_lpips_weights():
    try:
        import lpips  # noqa: F401  (only to find its bundled weights)
        return os.path.join(os.path.dirname(lpips.__file__), "weights", "v0.1", "vgg.pth")
    except ImportError:
        return None


def default_vgg_weights():
    path = os.path.join(torch.hub.get_dir(), "checkpoints", "vgg16-397923af.pth")
    return path if os.path.isfile(path) else None


def export(net, out):
    scripted = torch.jit.script(net)
    scripted.save(out)
    return scripted


def check(net, out, side=64):
    loaded = torch.jit.load(out)
    g = torch.Generator().manual_seed(1)
    x0 = torch.rand(2, 3, side, side, generator=g) * 2 - 1
    x1 = torch.rand(2, 3, side, side, generator=g) * 2 - 1
    with torch.no_grad():
        a, b = net(x0, x1), loaded(x0, x1)
    if a.shape != (2,) or not torch.allclose(a, b, atol=1e-6):
        sys.exit(f"{out}: check failed: eager {a.tolist()} vs TorchScript {b.tolist()}")
    print(f"check passed: distances {b.tolist()}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="the TorchScript file to write (e.g. lpips_vgg.pt)")
    p.add_argument("--lpips-weights", help="lpips' weights/v0.1/vgg.pth (default: from the installed lpips package)")
    p.add_argument("--vgg-weights", help="torchvision's vgg16-397923af.pth (default: from torch hub's cache)")
    p.add_argument("--random-weights", action="store_true", help="seeded random weights, widths / --width-divisor")
    p.add_argument("--width-divisor", type=int, default=16)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--check", action="store_true", help="re-load the file and compare with the eager network")
    a = p.parse_args(argv)
    if not a.random_weights:
        a.lpips_weights = a.lpips_weights or default_lpips_weights()
        a.vgg_weights = a.vgg_weights or default_vgg_weights()
        for flag, path in (("--lpips-weights", a.lpips_weights), ("--vgg-weights", a.vgg_weights)):
            if not path or not os.path.isfile(path):
                p.error(f"{flag}: {path or 'not given and not found'}: no such file (or use --random-weights)")
    net = build(a.random_weights, a.width_divisor, a.seed, a.lpips_weights, a.vgg_weights)
    with torch.no_grad():
        export(net, a.out)
    print(f"wrote {a.out}")
    if a.check:
        check(net, a.out)


if __name__ == "__main__":
    main()
