#!/usr/bin/python3
"""Regenerates the tiny random-weight VQ-GAN test fixture in this folder (run from anywhere):

    /usr/bin/python3 tokenizer-preview/src/test/resources/vqgan-tiny/make_tiny_vqgan.py

A Chameleon-shaped VQ-GAN (same modules, parameter names and 16x downsampling, but 8 channels instead of 128 and a
256-entry codebook) with seeded random weights is written as vqgan.yaml + vqgan.ckpt to a temporary folder, then
exported with the studio's own export script (export_chameleon_vqgan.py, the route a user takes with the real
checkpoint). Written here, all committed:
    encoder.pt, decoder.pt, vqgan-torchscript.json   the exported tokenizer
    reference.json     codes of the test image at 256 and 64 px, the grid decoded below, margins of every code
    decoded_64.f32     decoder output for reference.json's "decode_codes" (1, 3, 64, 64), float32 little-endian
The test image is an integer formula (test_image below) that the Java test recomputes.
"""
import json
import os
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORT = os.path.join(HERE, "..", "..", "..", "main", "resources", "io", "vlastudio", "tokenizer", "image")
sys.path.insert(0, EXPORT)
import export_chameleon_vqgan as export  # noqa: E402

DDCONFIG = dict(double_z=False, z_channels=8, resolution=256, in_channels=3, out_ch=3, ch=8, ch_mult=[1, 1, 2, 2, 4],
                num_res_blocks=1, attn_resolutions=[], dropout=0.0)
N_EMBED, EMBED_DIM, GROUPS = 256, 8, 4


def test_image(side):
    """uint8 (side, side, 3): smooth rings, bands and a checker, integers only (the Java test recomputes it)."""
    y, x, c = np.meshgrid(np.arange(side), np.arange(side), np.arange(3), indexing="ij")
    v = ((x - 97) ** 2 + (y - 140) ** 2 * (c + 1)) // 53 + 40 * c + ((x // 32 + y // 32) % 2) * 60 + (x * 3 + y) // 5
    return (v % 256).astype(np.uint8)


def to_input(img):
    """Chameleon's preprocessing: x / 255 * 2 - 1 in float64, then float32, CHW with a batch axis."""
    return torch.from_numpy(img / 255.0 * 2 - 1).permute(2, 0, 1).float().unsqueeze(0)


def margins(vq, x):
    """Per position: distance to the second-nearest codebook entry minus distance to the nearest."""
    with torch.no_grad():
        z = vq.quant_conv(vq.encoder(x))
        flat = z.permute(0, 2, 3, 1).reshape(-1, z.shape[1])
        d = torch.cdist(flat.double(), vq.quantize.embedding.weight.double()) ** 2
        two = torch.topk(d, 2, dim=1, largest=False).values
        return (two[:, 1] - two[:, 0]).numpy()


def main():
    torch.manual_seed(20240607)
    vq = export.VQGAN(DDCONFIG, N_EMBED, EMBED_DIM, norm_groups=GROUPS).eval()
    with torch.no_grad():
        # codebook entries drawn from encoder outputs of random images, so that many codes are used
        z = vq.quant_conv(vq.encoder(torch.rand(4, 3, 128, 128) * 2 - 1))
        flat = z.permute(0, 2, 3, 1).reshape(-1, EMBED_DIM)
        pick = torch.randperm(flat.shape[0])[:N_EMBED]
        vq.quantize.embedding.weight.copy_(flat[pick] + 0.05 * torch.randn(N_EMBED, EMBED_DIM))

    with tempfile.TemporaryDirectory() as tmp:
        import yaml
        config = {"model": {"target": "chameleon.vqgan.VQModel",
                            "params": {"embed_dim": EMBED_DIM, "n_embed": N_EMBED, "norm_groups": GROUPS,
                                       "ddconfig": DDCONFIG, "lossconfig": {"target": "unused"}}}}
        with open(os.path.join(tmp, "vqgan.yaml"), "w") as f:
            yaml.safe_dump(config, f)
        state = dict(vq.state_dict())
        state["loss.discriminator.main.0.weight"] = torch.zeros(1)  # real checkpoints carry training-only keys
        torch.save({"state_dict": state}, os.path.join(tmp, "vqgan.ckpt"))
        export.main(["--config", os.path.join(tmp, "vqgan.yaml"), "--ckpt", os.path.join(tmp, "vqgan.ckpt"),
                     "--out", HERE, "--resolution", "256", "--check"])
    meta_path = os.path.join(HERE, "vqgan-torchscript.json")
    with open(meta_path) as f:
        meta = json.load(f)
    meta["source"] = {"config": "vqgan.yaml (tiny random-weight fixture)", "checkpoint": "vqgan.ckpt (seed 20240607)"}
    meta["torch_version"] = torch.__version__
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=2)

    encoder = torch.jit.load(os.path.join(HERE, "encoder.pt"))
    decoder = torch.jit.load(os.path.join(HERE, "decoder.pt"))
    img256 = test_image(256)
    img64 = test_image(64)
    with torch.no_grad():
        codes256 = encoder(to_input(img256))
        codes64 = encoder(to_input(img64))
        decode_codes = codes256[:, 4:8, 6:10].contiguous()
        decoded = decoder(decode_codes)
    m256, m64 = margins(vq, to_input(img256)), margins(vq, to_input(img64))
    with torch.no_grad():  # the traced files follow the input size: compare with the eager model at both sizes
        assert torch.equal(codes256, export.EncodeToCodes(vq)(to_input(img256)))
        assert torch.equal(codes64, export.EncodeToCodes(vq)(to_input(img64)))
        assert torch.allclose(decoded, export.DecodeFromCodes(vq)(decode_codes), atol=1e-6)
    ref = {
        "image": "test_image(side) of make_tiny_vqgan.py",
        "codes_256": codes256[0].tolist(),
        "codes_64": codes64[0].tolist(),
        "decode_codes": decode_codes[0].tolist(),
        "distinct_codes_256": int(torch.unique(codes256).numel()),
        "min_margin_256": float(m256.min()),
        "min_margin_64": float(m64.min()),
    }
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(ref, f)
    decoded.numpy().astype("<f4").tofile(os.path.join(HERE, "decoded_64.f32"))
    print("distinct codes %d, smallest margin %.3g / %.3g" % (ref["distinct_codes_256"], ref["min_margin_256"],
                                                             ref["min_margin_64"]))


if __name__ == "__main__":
    main()
