"""Writes a small LIBERO-layout suite with h5py for the WorldVLA export tests (no attributes, like the
no-noops regeneration WorldVLA uses): usage make_fixture.py SUITE_DIR SPEC_JSON.

SPEC_JSON: {"size": 256, "tasks": [{"name": "KITCHEN_SCENE3_turn_on_the_stove", "demos": [0, 1, 3],
            "length": 6}, ...]}. Frames and actions are a deterministic function of (task, demo, step)."""
import json
import os
import sys

import h5py
import numpy as np


def main():
    out, spec = sys.argv[1], json.loads(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    size = spec["size"]
    for t, task in enumerate(spec["tasks"]):
        lengths = task.get("lengths", {})
        with h5py.File(os.path.join(out, task["name"] + "_demo.hdf5"), "w") as f:
            data = f.create_group("data")
            for d in task["demos"]:
                n = int(lengths.get(str(d), task["length"]))
                rng = np.random.default_rng(1000 * t + d)
                g = data.create_group("demo_%d" % d)
                actions = rng.uniform(-1, 1, size=(n, 7))
                actions[:, 6] = np.where(rng.uniform(size=n) > 0.5, 1.0, -1.0)
                g.create_dataset("actions", data=actions)
                yy, xx = np.mgrid[0:size, 0:size]
                frames = np.empty((n, size, size, 3), dtype=np.uint8)
                for s in range(n):
                    frames[s, :, :, 0] = (xx * 3 + s * 17 + t * 29) % 256
                    frames[s, :, :, 1] = (yy * 5 + d * 13) % 256
                    frames[s, :, :, 2] = (xx * yy + s * 7 + int(rng.integers(0, 256))) % 256
                obs = g.create_group("obs")
                obs.create_dataset("agentview_rgb", data=frames)
                obs.create_dataset("gripper_states", data=np.zeros((n, 2)))
                obs.create_dataset("joint_states", data=np.zeros((n, 7)))
                obs.create_dataset("ee_states", data=np.zeros((n, 6)))
                g.create_dataset("states", data=np.zeros((n, 40)))
                g.create_dataset("robot_states", data=np.zeros((n, 9)))
                g.create_dataset("rewards", data=np.zeros(n, dtype=np.uint8))
                g.create_dataset("dones", data=np.zeros(n, dtype=np.uint8))


if __name__ == "__main__":
    main()
