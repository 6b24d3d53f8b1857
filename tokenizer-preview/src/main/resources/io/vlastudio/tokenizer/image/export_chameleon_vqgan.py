#!/usr/bin/env python3
"""Export Chameleon's VQ-GAN image tokenizer to the TorchScript files VLA Studio loads.

Run once, where PyTorch and your licensed Chameleon tokenizer files are (VLA Studio never ships them):

    python3 export_chameleon_vqgan.py --config ckpts/chameleon/tokenizer/vqgan.yaml \
        --ckpt ckpts/chameleon/tokenizer/vqgan.ckpt --out ~/chameleon-vqgan-ts --resolution 256

It writes into --out:
    encoder.pt               RGB float32 (1, 3, H, W) in [-1, 1]  ->  int64 codes (1, H/16, W/16), raster order
    decoder.pt               int64 codes (1, h, w)                ->  float32 RGB (1, 3, 16h, 16w), clamped to [-1, 1]
    vqgan-torchscript.json   what the files hold (codebook size, downsampling, resolution, source checksums)

Then point the studio at the folder (Tokens view, or `vla-studio tokens images FILE --demo D --tokenizer DIR`).
Needs only PyTorch (>= 1.13) and PyYAML; no Chameleon or WorldVLA code. The network below is the taming-transformers
VQ-GAN that Chameleon uses (parameter names match its checkpoint, so the weights load with strict checking);
encoding is the encoder, quant_conv and a nearest-codebook-entry search, decoding the codebook lookup,
post_quant_conv and the decoder, exactly as Chameleon's image tokenizer computes them.

Options: --resolution 256|512 (the frame size the studio feeds, default 256), --device cpu|cuda (export is traced on
this device; the files load on the CPU either way), --check (re-load the files and compare with the eager model).
"""
import argparse
import hashlib
import json
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT = "vla-studio/vqgan-torchscript"
MODEL_PREFIXES = ("encoder.", "decoder.", "quantize.", "quant_conv.", "post_quant_conv.")


def swish(x):
    return x * torch.sigmoid(x)


def group_norm(channels, groups):
    return nn.GroupNorm(num_groups=groups, num_channels=channels, eps=1e-6, affine=True)


class ResBlock(nn.Module):
    """Two GroupNorm-swish-conv3x3 stages with a residual; a 1x1 'nin_shortcut' when the width changes."""

    def __init__(self, c_in, c_out, groups):
        super().__init__()
        self.norm1 = group_norm(c_in, groups)
        self.conv1 = nn.Conv2d(c_in, c_out, 3, 1, 1)
        self.norm2 = group_norm(c_out, groups)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1)
        self.nin_shortcut = nn.Conv2d(c_in, c_out, 1, 1, 0) if c_in != c_out else nn.Identity()

    def forward(self, x):
        h = self.conv1(swish(self.norm1(x)))
        h = self.conv2(swish(self.norm2(h)))
        return self.nin_shortcut(x) + h


class SelfAttention(nn.Module):
    """Single-head spatial self-attention over all h*w positions, with 1x1 projections."""

    def __init__(self, c, groups):
        super().__init__()
        self.norm = group_norm(c, groups)
        self.q = nn.Conv2d(c, c, 1)
        self.k = nn.Conv2d(c, c, 1)
        self.v = nn.Conv2d(c, c, 1)
        self.proj_out = nn.Conv2d(c, c, 1)

    def forward(self, x):
        n = self.norm(x)
        b, c, h, w = x.shape
        q = self.q(n).reshape(b, c, h * w).permute(0, 2, 1)
        k = self.k(n).reshape(b, c, h * w)
        attn = F.softmax(torch.bmm(q, k) * (int(c) ** (-0.5)), dim=2)
        v = self.v(n).reshape(b, c, h * w)
        out = torch.bmm(v, attn.permute(0, 2, 1)).reshape(b, c, h, w)
        return x + self.proj_out(out)


class Down(nn.Module):
    """Stride-2 3x3 convolution after padding one pixel right and bottom."""

    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, 2, 0)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 1, 0, 1), mode="constant", value=0.0))


class Up(nn.Module):
    """Nearest-neighbour 2x upsampling, then a 3x3 convolution."""

    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, 1, 1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class Middle(nn.Module):
    def __init__(self, c, groups):
        super().__init__()
        self.block_1 = ResBlock(c, c, groups)
        self.attn_1 = SelfAttention(c, groups)
        self.block_2 = ResBlock(c, c, groups)

    def forward(self, x):
        return self.block_2(self.attn_1(self.block_1(x)))


class Level(nn.Module):
    def __init__(self, blocks):
        super().__init__()
        self.block = nn.ModuleList(blocks)
        self.attn = nn.ModuleList()


class Encoder(nn.Module):
    def __init__(self, ch, ch_mult, num_res_blocks, in_channels, z_channels, double_z, groups, **_):
        super().__init__()
        self.conv_in = nn.Conv2d(in_channels, ch, 3, 1, 1)
        self.down = nn.ModuleList()
        c_in = ch
        for i, mult in enumerate(ch_mult):
            blocks = []
            for _ in range(num_res_blocks):
                blocks.append(ResBlock(c_in, ch * mult, groups))
                c_in = ch * mult
            level = Level(blocks)
            if i != len(ch_mult) - 1:
                level.downsample = Down(c_in)
            self.down.append(level)
        self.mid = Middle(c_in, groups)
        self.norm_out = group_norm(c_in, groups)
        self.conv_out = nn.Conv2d(c_in, 2 * z_channels if double_z else z_channels, 3, 1, 1)

    def forward(self, x):
        h = self.conv_in(x)
        for level in self.down:
            for block in level.block:
                h = block(h)
            if hasattr(level, "downsample"):
                h = level.downsample(h)
        h = self.mid(h)
        return self.conv_out(swish(self.norm_out(h)))


class Decoder(nn.Module):
    def __init__(self, ch, ch_mult, num_res_blocks, out_ch, z_channels, groups, **_):
        super().__init__()
        c_in = ch * ch_mult[-1]
        self.conv_in = nn.Conv2d(z_channels, c_in, 3, 1, 1)
        self.mid = Middle(c_in, groups)
        levels = []
        for i in reversed(range(len(ch_mult))):
            blocks = []
            for _ in range(num_res_blocks + 1):
                blocks.append(ResBlock(c_in, ch * ch_mult[i], groups))
                c_in = ch * ch_mult[i]
            level = Level(blocks)
            if i != 0:
                level.upsample = Up(c_in)
            levels.insert(0, level)
        self.up = nn.ModuleList(levels)  # up[0] is the full-resolution level, as in the checkpoint
        self.norm_out = group_norm(c_in, groups)
        self.conv_out = nn.Conv2d(c_in, out_ch, 3, 1, 1)

    def forward(self, z):
        h = self.mid(self.conv_in(z))
        for i in reversed(range(len(self.up))):
            level = self.up[i]
            for block in level.block:
                h = block(h)
            if hasattr(level, "upsample"):
                h = level.upsample(h)
        return self.conv_out(swish(self.norm_out(h)))


class Quantizer(nn.Module):
    def __init__(self, n_embed, embed_dim):
        super().__init__()
        self.embedding = nn.Embedding(n_embed, embed_dim)


class VQGAN(nn.Module):
    """Chameleon's VQ-GAN (taming-transformers VQModel), inference only."""

    def __init__(self, ddconfig, n_embed, embed_dim, norm_groups=32):
        super().__init__()
        if ddconfig.get("attn_resolutions"):
            raise SystemExit("attn_resolutions %s: only the mid-block attention of Chameleon's VQ-GAN is supported"
                             % ddconfig["attn_resolutions"])
        cfg = dict(ddconfig, groups=norm_groups)
        self.encoder = Encoder(**cfg)
        self.decoder = Decoder(**cfg)
        self.quantize = Quantizer(n_embed, embed_dim)
        self.quant_conv = nn.Conv2d(ddconfig["z_channels"], embed_dim, 1)
        self.post_quant_conv = nn.Conv2d(embed_dim, ddconfig["z_channels"], 1)


class EncodeToCodes(nn.Module):
    """float32 (B, 3, H, W) in [-1, 1] -> int64 (B, H/16, W/16): encoder, quant_conv, nearest codebook entry."""

    def __init__(self, vq):
        super().__init__()
        self.encoder = vq.encoder
        self.quant_conv = vq.quant_conv
        self.embedding = vq.quantize.embedding

    def forward(self, x):
        z = self.quant_conv(self.encoder(x))
        b, c, h, w = z.shape
        flat = z.permute(0, 2, 3, 1).reshape(-1, c)
        e = self.embedding.weight
        # squared distances in the order Chameleon computes them: |z|^2 + |e|^2 - 2 z.e
        d = torch.sum(flat ** 2, dim=1, keepdim=True) + torch.sum(e ** 2, dim=1) \
            - 2 * torch.einsum("bd,dn->bn", flat, e.transpose(0, 1))
        return torch.argmin(d, dim=1).reshape(b, h, w)


class DecodeFromCodes(nn.Module):
    """int64 (B, h, w) -> float32 (B, 3, 16h, 16w) clamped to [-1, 1]: codebook lookup, post_quant_conv, decoder."""

    def __init__(self, vq):
        super().__init__()
        self.embedding = vq.quantize.embedding
        self.post_quant_conv = vq.post_quant_conv
        self.decoder = vq.decoder

    def forward(self, codes):
        z = self.embedding(codes).permute(0, 3, 1, 2).contiguous()
        return torch.clamp(self.decoder(self.post_quant_conv(z)), -1.0, 1.0)


def downsampling(ddconfig):
    return 2 ** (len(ddconfig["ch_mult"]) - 1)


def load_checkpoint(config_path, ckpt_path):
    """The VQGAN of a Chameleon vqgan.yaml + vqgan.ckpt, weights checked strictly."""
    import yaml
    with open(config_path) as f:
        config = yaml.safe_load(f)
    try:
        params = config["model"]["params"]
        ddconfig, n_embed, embed_dim = params["ddconfig"], params["n_embed"], params["embed_dim"]
    except (KeyError, TypeError):
        raise SystemExit("%s: expected model.params.{ddconfig, n_embed, embed_dim} (Chameleon's vqgan.yaml)" % config_path)
    vq = VQGAN(ddconfig, n_embed, embed_dim, norm_groups=params.get("norm_groups", 32))
    checkpoint = torch.load(ckpt_path, map_location="cpu")
    state = checkpoint.get("state_dict", checkpoint) if isinstance(checkpoint, dict) else None
    if state is None:
        raise SystemExit("%s: expected a PyTorch checkpoint holding a state_dict" % ckpt_path)
    state = {k: v for k, v in state.items() if k.startswith(MODEL_PREFIXES)}
    missing, unexpected = vq.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit("%s does not match %s: missing %s, unexpected %s"
                         % (ckpt_path, config_path, missing[:8], unexpected[:8]))
    return vq.eval(), ddconfig, n_embed, embed_dim


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def export(vq, ddconfig, n_embed, embed_dim, out, resolution, source, device="cpu"):
    """Traces encoder and decoder at `resolution` and writes encoder.pt, decoder.pt and vqgan-torchscript.json."""
    factor = downsampling(ddconfig)
    if resolution % factor:
        raise SystemExit("--resolution %d is not a multiple of the downsampling %d" % (resolution, factor))
    os.makedirs(out, exist_ok=True)
    vq = vq.to(device).eval()
    # the attention scale reads the channel count as a Python int: a constant of the model, safe to trace
    warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
    with torch.no_grad():
        example = torch.zeros(1, 3, resolution, resolution, device=device)
        encoder = torch.jit.trace(EncodeToCodes(vq), example, check_trace=False)
        codes = torch.zeros(1, resolution // factor, resolution // factor, dtype=torch.int64, device=device)
        decoder = torch.jit.trace(DecodeFromCodes(vq), codes, check_trace=False)
    encoder = encoder.cpu() if device != "cpu" else encoder
    decoder = decoder.cpu() if device != "cpu" else decoder
    encoder.save(os.path.join(out, "encoder.pt"))
    decoder.save(os.path.join(out, "decoder.pt"))
    meta = {
        "format": FORMAT,
        "version": 1,
        "architecture": "chameleon-vqgan",
        "codebook_size": int(n_embed),
        "embed_dim": int(embed_dim),
        "downsampling": int(factor),
        "resolution": int(resolution),
        "encoder": "encoder.pt",
        "decoder": "decoder.pt",
        "encoder_input": "float32 (1, 3, H, W) RGB in [-1, 1] (x / 255 * 2 - 1)",
        "encoder_output": "int64 (1, H/%d, W/%d) codes, raster order" % (factor, factor),
        "decoder_output": "float32 (1, 3, H, W) clamped to [-1, 1]",
        "torch_version": torch.__version__,
        "source": source,
    }
    with open(os.path.join(out, "vqgan-torchscript.json"), "w") as f:
        json.dump(meta, f, indent=2)
    return meta


def check(vq, out, resolution):
    """Re-loads the written files and compares them with the eager model on a random image."""
    encoder = torch.jit.load(os.path.join(out, "encoder.pt"))
    decoder = torch.jit.load(os.path.join(out, "decoder.pt"))
    vq = vq.cpu().eval()
    with torch.no_grad():
        x = torch.rand(1, 3, resolution, resolution) * 2 - 1
        codes = encoder(x)
        eager = EncodeToCodes(vq)(x)
        same = int((codes == eager).sum())
        diff = float((decoder(codes) - DecodeFromCodes(vq)(codes)).abs().max())
    print("check: %d of %d codes equal the eager model, decoder max |diff| %.3g" % (same, codes.numel(), diff))
    return same == codes.numel() and diff < 1e-4


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--config", required=True, help="Chameleon's vqgan.yaml")
    p.add_argument("--ckpt", required=True, help="Chameleon's vqgan.ckpt")
    p.add_argument("--out", required=True, help="folder for encoder.pt, decoder.pt and vqgan-torchscript.json")
    p.add_argument("--resolution", type=int, default=256, choices=(256, 512), help="frame size (default 256)")
    p.add_argument("--device", default="cpu", help="device to trace on (default cpu)")
    p.add_argument("--check", action="store_true", help="compare the written files with the eager model")
    args = p.parse_args(argv)
    for path in (args.config, args.ckpt):
        if not os.path.isfile(path):
            raise SystemExit("%s: no such file" % path)
    vq, ddconfig, n_embed, embed_dim = load_checkpoint(args.config, args.ckpt)
    source = {"config": os.path.basename(args.config), "config_sha256": sha256(args.config),
              "checkpoint": os.path.basename(args.ckpt), "checkpoint_sha256": sha256(args.ckpt)}
    meta = export(vq, ddconfig, n_embed, embed_dim, args.out, args.resolution, source, args.device)
    print("wrote %s: codebook %d, %dx downsampling, %d px" % (args.out, meta["codebook_size"], meta["downsampling"],
                                                             meta["resolution"]))
    if args.check and not check(vq, args.out, args.resolution):
        sys.exit(1)


if __name__ == "__main__":
    main()
