"""Opens HDF5 files the way robomimic's and LIBERO's dataset loaders read their metadata, with h5py.

usage: load_like_libero.py FILE...
Prints one JSON line per file: {"file", "loads": bool, "error", "language", "total", "demos", "last_dones",
"env_name", "frame_shape"}. The reads below re-implement (not import) what those loaders do before any training:
  - robomimic SequenceDataset.load_demo_info: demos sorted by their number, data/<demo>.attrs["num_samples"] each;
  - robomimic FileUtils.get_env_metadata_from_dataset: json.loads(data.attrs["env_args"]), then its env_name, type
    and env_kwargs;
  - robomimic FileUtils.get_shape_metadata_from_dataset: the first demo's actions and obs shapes;
  - LIBERO (get_dataset and its dataset-info script): json.loads(data.attrs["problem_info"])["language_instruction"].
"""
import json
import sys

import h5py
import numpy as np


def load(path):
    out = {"file": path, "loads": False}
    with h5py.File(path, "r") as f:
        try:
            demos = list(f["data"].keys())
            inds = np.argsort([int(elem[5:]) for elem in demos])
            demos = [demos[i] for i in inds]
            total = 0
            for ep in demos:
                n = int(f["data/{}".format(ep)].attrs["num_samples"])
                assert n == f["data/{}/actions".format(ep)].shape[0], (ep, n)
                total += n
            env_meta = json.loads(f["data"].attrs["env_args"])
            env_name, env_type, env_kwargs = env_meta["env_name"], env_meta["type"], env_meta["env_kwargs"]
            assert isinstance(env_kwargs, dict)
            first = f["data/{}".format(demos[0])]
            action_dim = first["actions"].shape[1]
            assert action_dim == 7
            cameras = sorted(k for k in first["obs"].keys() if k.endswith("_rgb"))
            frame_shape = list(first["obs/{}".format(cameras[0])].shape[1:])
            language = json.loads(f["data"].attrs["problem_info"])["language_instruction"]
            out.update(loads=True, language=language, total=total, demos=len(demos), env_name=env_name,
                       env_type=env_type, frame_shape=frame_shape,
                       last_dones=[int(f["data/{}/dones".format(ep)][-1]) for ep in demos],
                       dones_sum=[int(np.sum(f["data/{}/dones".format(ep)][()])) for ep in demos])
        except KeyError as e:
            out["error"] = "KeyError: " + str(e)
    return out


for p in sys.argv[1:]:
    print(json.dumps(load(p)))
