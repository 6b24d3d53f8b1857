"""Stand-in for WorldVLA's model package (tests only): the class the generation driver loads, with the same
from_pretrained keywords and a Hugging Face style generate(). It emits deterministic tokens in WorldVLA's layout:
an image block (8197, grid h, grid w, rows of codes each closed by 8803, 8196) when asked to stop at the end-of-image
token, action blocks (10004, 7 bins, 15004) and 8710 otherwise. The tokens depend on the prompt, so different
inputs give different predictions. Like the real model, image tokens cannot be generated with image logits masked."""
import json
import os

import torch

BEGIN_IMAGE, END_IMAGE, ROW_END, GRID = 8197, 8196, 8803, 8804
BEGIN_ACTION, END_ACTION, TURN_END = 10004, 15004, 8710


class ChameleonXLLMXForConditionalGeneration_ck:
    def __init__(self, config, mask_image_logits):
        self.config = config
        self.mask_image_logits = mask_image_logits

    @classmethod
    def from_pretrained(cls, path, max_position_embeddings=4096, mask_image_logits=True, dropout=0.0,
                        z_loss_weight=0.0, torch_dtype=None, device_map=None):
        cfg = os.path.join(path, "config.json")
        if not os.path.isfile(cfg):
            raise OSError(f"{path} does not appear to have a file named config.json")
        with open(cfg) as f:
            config = json.load(f)
        if not os.path.isfile(os.path.join(path, "model.safetensors")):
            raise OSError(f"{path}: no model.safetensors")
        return cls(config, mask_image_logits)

    def to(self, device):
        return self

    def eval(self):
        return self

    def generate(self, input_ids, max_new_tokens=20, do_sample=False, eos_token_id=None, **kwargs):
        eos = eos_token_id if isinstance(eos_token_id, list) else [eos_token_id]
        seed = int(input_ids.sum().item())
        new = []
        if END_IMAGE in eos:
            if self.mask_image_logits:
                raise RuntimeError("image logits are masked: this model cannot generate image tokens")
            side = int(self.config.get("image_grid", 4))
            new = [BEGIN_IMAGE, GRID + side, GRID + side]
            for r in range(side):
                new += [4 + (seed * 31 + r * 97 + c * 13) % 8192 for c in range(side)] + [ROW_END]
            new.append(END_IMAGE)
        else:
            for k in range(max_new_tokens // 12):
                new += [BEGIN_ACTION] + [10006 + (seed + 37 * k + 11 * d) % 256 for d in range(7)] + [END_ACTION]
            new.append(TURN_END)
        new = new[:max_new_tokens]
        return torch.cat([input_ids, torch.tensor([new], dtype=torch.int64)], dim=1)
