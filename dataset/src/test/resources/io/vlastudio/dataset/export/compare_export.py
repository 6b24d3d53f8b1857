"""Checks a curated export against its sources with h5py, value by value.

usage: compare_export.py SPEC.json
SPEC: {"files": [{"exported": PATH, "demos": [{"name": OUT, "source": PATH, "demo": NAME, "kept": [steps]}]}]}
Every dataset of each source demo, indexed by the kept steps along its first axis when it is per-step, must equal
the exported dataset (dtype, shape, values), except that the last kept step is terminal (dones = 1, rewards
unchanged); attributes must be equal except num_samples / num_demos / total / init_state, which must be updated
(and are written when the source lacks them), and env_args / problem_info, which are written when the source lacks
them. Prints one line per file and "ok" at the end.
"""
import json
import sys

import h5py
import numpy as np


def datasets(group, prefix=""):
    out = {}
    for key, node in group.items():
        if isinstance(node, h5py.Dataset):
            out[prefix + key] = node
        else:
            out.update(datasets(node, prefix + key + "/"))
    return out


def same_attr(a, b):
    if isinstance(a, bytes):
        a = a.decode()
    if isinstance(b, bytes):
        b = b.decode()
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def main():
    spec = json.load(open(sys.argv[1]))
    for f in spec["files"]:
        with h5py.File(f["exported"], "r") as out:
            data = out["data"]
            assert sorted(data.keys()) == sorted(d["name"] for d in f["demos"]), (list(data.keys()), f["demos"])
            total = 0
            first_source = None
            for d in f["demos"]:
                kept = np.asarray(d["kept"], dtype=np.int64)
                total += len(kept)
                with h5py.File(d["source"], "r") as src:
                    if first_source is None:
                        first_source = dict(src["data"].attrs)
                    sg = src["data"][d["demo"]]
                    og = data[d["name"]]
                    T = sg["actions"].shape[0]
                    sds, ods = datasets(sg), datasets(og)
                    assert sorted(sds) == sorted(ods), (sorted(sds), sorted(ods))
                    for key, s in sds.items():
                        o = ods[key]
                        assert s.dtype == o.dtype, (key, s.dtype, o.dtype)
                        expected = s[()][kept] if (s.ndim >= 1 and s.shape[0] == T) else s[()]
                        if key == "dones" and len(kept) > 0:
                            expected = expected.copy()
                            if expected[-1] == 0:
                                expected[-1] = 1
                        assert o.shape == expected.shape, (d["name"], key, o.shape, expected.shape)
                        assert np.array_equal(o[()], expected), (d["name"], key)
                    assert set(sg.attrs.keys()) | {"num_samples"} == set(og.attrs.keys()), (set(sg.attrs.keys()), set(og.attrs.keys()))
                    assert int(og.attrs["num_samples"]) == len(kept), ("num_samples", og.attrs["num_samples"], len(kept))
                    for k in sg.attrs.keys():
                        if k == "num_samples":
                            assert int(og.attrs[k]) == len(kept), (k, og.attrs[k], len(kept))
                        elif k == "init_state":
                            assert np.array_equal(og.attrs[k], sg["states"][int(kept[0])]), k
                        else:
                            assert same_attr(sg.attrs[k], og.attrs[k]), (d["name"], k)
            for k, v in first_source.items():
                if k == "num_demos":
                    assert int(data.attrs[k]) == len(f["demos"]), (k, data.attrs[k])
                elif k == "total":
                    assert int(data.attrs[k]) == total, (k, data.attrs[k], total)
                else:
                    assert same_attr(v, data.attrs[k]), k
            added = set(data.attrs.keys()) - set(first_source.keys())
            assert added <= {"num_demos", "total", "env_args", "problem_info"}, added
            assert int(data.attrs["num_demos"]) == len(f["demos"]) and int(data.attrs["total"]) == total
            print(f["exported"], len(f["demos"]), "demos", total, "steps")
    print("ok")


main()
