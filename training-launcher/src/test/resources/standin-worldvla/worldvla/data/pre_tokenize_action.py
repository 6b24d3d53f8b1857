"""Stand-in for WorldVLA's pre-tokenize item processor (tests only): same constructor and process_item contract."""
import os

import numpy as np


class ItemProcessor:
    def __init__(self, tokenizer=None, conv_template=None, target_size=512):
        if not os.path.isdir(tokenizer):
            raise FileNotFoundError(tokenizer)
        self.target_size = target_size

    def process_item(self, raw_item, training_mode=False, out_flatten=True):
        tokens = [8197]
        for turn in raw_item["conversations"]:
            tokens += [ord(ch) % 200 + 4 for ch in turn["value"][:64]]
        for path in raw_item.get("image", []):
            with open(path, "rb") as f:
                data = f.read(4096)
            tokens += [8197] + [b % 200 + 4 for b in data[-32:]] + [8196]
        for path in raw_item.get("action", []):
            a = np.load(path)
            tokens += [int(np.clip((v + 1) * 100, 0, 199)) + 4 for v in a.ravel()]
        if not training_mode:
            return tokens  # a prompt for generation, like WorldVLA's
        tokens.append(8710)
        labels = [-100] * (len(tokens) // 2) + tokens[len(tokens) // 2:]
        return tokens, labels

    def decode_image(self, tokens):
        """An image block (8197, grid h, grid w, rows of codes + 8803, 8196) -> a target_size RGB image."""
        from PIL import Image
        h, w = tokens[1] - 8804, tokens[2] - 8804
        codes = [t for t in tokens[3:-1] if t != 8803]
        if len(codes) != h * w:
            raise ValueError(f"image block has {len(codes)} codes for a {h}x{w} grid")
        grid = np.array(codes, dtype=np.int64).reshape(h, w)
        rgb = np.stack([grid % 256, (grid // 7) % 256, (grid // 31) % 256], axis=-1).astype(np.uint8)
        return Image.fromarray(rgb).resize((self.target_size, self.target_size), Image.NEAREST)
