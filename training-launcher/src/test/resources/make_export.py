"""Writes a tiny WorldVLA export (contract A) for the launcher's tests: 2 tasks x 3 trajectories x 6 steps."""
import json
import os
import sys

import numpy as np
from PIL import Image

out = sys.argv[1]
suite = "libero_goal"
convs = {"action": {"train": [], "val_ind": [], "val_ood": []}, "world": {"train": [], "val_ind": [], "val_ood": []}}
rng = np.random.default_rng(0)
for task in ("open_the_drawer", "put_the_bowl_on_the_plate"):
    for t in range(3):
        split = "train" if t < 2 else "val_ind"
        trj = os.path.join(out, "files", suite, task, f"trj_{t}")
        os.makedirs(os.path.join(trj, "imgs"))
        os.makedirs(os.path.join(trj, "action"))
        imgs, acts = [], []
        for j in range(6):
            p = os.path.join(trj, "imgs", f"image_{j}.png")
            Image.fromarray(rng.integers(0, 255, (8, 8, 3), dtype=np.uint8)).save(p)
            a = os.path.join(trj, "action", f"action_{j}.npy")
            np.save(a, rng.uniform(-1, 1, 7))
            imgs.append(p)
            acts.append(a)
        text = task.replace("_", " ")
        for j in range(6 - 2 + 1):
            convs["action"][split].append({"conversations": [
                {"from": "human", "value": f"What action should the robot take to {text}?" + "<|image|>" * len(imgs[max(0, j - 1): j + 1])},
                {"from": "gpt", "value": "<|action|>" * 2}], "image": imgs[max(0, j - 1): j + 1], "action": acts[j: j + 2]})
        for j in range(5):
            convs["world"][split].append({"conversations": [
                {"from": "human", "value": "Generate the next image based on the provided sequence of historical images and corresponding actions.<|image|><|action|>"},
                {"from": "gpt", "value": "<|image|>"}], "image": [imgs[j], imgs[j + 1]], "action": [acts[j]]})
os.makedirs(os.path.join(out, "convs"))
os.makedirs(os.path.join(out, "configs"))
conversations, token_files = [], []
for kind, by_split in convs.items():
    for split, records in by_split.items():
        name = f"libero_goal_his_2_{split}_img_only_ck_2_256.json" if kind == "action" else f"libero_goal_his_1_{split}_a2i_256.json"
        with open(os.path.join(out, "convs", name), "w") as f:
            json.dump(records, f, indent=2 if kind == "action" else 4)
        conversations.append({"file": "convs/" + name, "suite": suite, "kind": kind, "split": split, "records": len(records)})
        token_files.append({"path": "tokens/" + name, "split": split, "kind": kind, "from": "convs/" + name,
                            "records": None, "repeat": 1})
for split in ("train", "val_ind", "val_ood"):
    with open(os.path.join(out, "configs", split + ".yaml"), "w") as f:
        f.write("META:\n" + "".join(f"- path: '{os.path.join(out, t['path'])}'\n" for t in token_files if t["split"] == split))
manifest = {"format": "vla-studio-worldvla-export", "version": 1, "studio_version": "test",
            "settings": {"resolution": 256, "history": 2, "chunk": 2, "world_history": 1, "split": "worldvla",
                         "paths": "absolute", "prompt": "task-dir"},
            "mix": {}, "conversations": conversations, "token_files": token_files,
            "configs": {s: f"configs/{s}.yaml" for s in ("train", "val_ind", "val_ood")}, "trajectories": []}
with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=2)
