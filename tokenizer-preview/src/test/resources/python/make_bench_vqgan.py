# Exports a random-weight VQ-GAN with the studio's export script, for the encode benchmark.
# Usage: make_bench_vqgan.py EXPORT_SCRIPT OUT_DIR CH   (CH=128 is Chameleon's full width; smaller is faster)
import importlib.util
import os
import sys
import tempfile

import torch
import yaml

script, out, ch = sys.argv[1], sys.argv[2], int(sys.argv[3])
spec = importlib.util.spec_from_file_location("export_chameleon_vqgan", script)
export = importlib.util.module_from_spec(spec)
spec.loader.exec_module(export)
torch.manual_seed(0)
ddconfig = dict(double_z=False, z_channels=256, resolution=256, in_channels=3, out_ch=3, ch=ch, ch_mult=[1, 1, 2, 2, 4],
                num_res_blocks=2, attn_resolutions=[], dropout=0.0)
groups = 32 if ch % 32 == 0 else 8
vq = export.VQGAN(ddconfig, 8192, 256, norm_groups=groups).eval()
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "vqgan.yaml"), "w") as f:
        yaml.safe_dump({"model": {"params": {"embed_dim": 256, "n_embed": 8192, "norm_groups": groups, "ddconfig": ddconfig}}}, f)
    torch.save({"state_dict": vq.state_dict()}, os.path.join(tmp, "vqgan.ckpt"))
    export.main(["--config", os.path.join(tmp, "vqgan.yaml"), "--ckpt", os.path.join(tmp, "vqgan.ckpt"), "--out", out,
                 "--resolution", "256"])
