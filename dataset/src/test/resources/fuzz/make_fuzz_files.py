#!/usr/bin/python3
"""Mutation fuzz inputs for the studio's HDF5 reader, written with h5py the way LIBERO and robomimic write theirs.

usage: make_fuzz_files.py OUT_DIR [--count N] [--seed S] [--big]

Writes into OUT_DIR:
  files/          the files to read: 4 valid bases, the structural cases (always all of them) and seeded random
                  mutations of the bases (bit flips, truncations, attribute and dataset changes) up to N files
  manifest.json   one entry per file: name, kind, expect ("valid": must be accepted without an error;
                  "bad": must be named with its problem; "any": must only not crash or hang), sha256

--big adds the two large-attribute cases of the issue (a 256 MB string attribute and a 50 M-element numeric
attribute: about 660 MB on disk); without it they are 8 MB and 2 M elements (the same code path).
Deterministic for a given seed and count. Needs Debian's /usr/bin/python3 with python3-h5py and python3-numpy.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import sys

import h5py
import numpy as np

T_RANGE = (18, 30)
IMG = 16
LANG = "put the bowl on the plate"


def demo_arrays(rng, t):
    actions = rng.uniform(-1, 1, size=(t, 7)).astype(np.float64)
    actions[:, 6] = np.where(rng.random(t) < 0.5, -1.0, 1.0)
    actions[2, :6] = 0.0  # a no-op step
    frames = rng.integers(0, 255, size=(t, IMG, IMG, 3), dtype=np.uint8)
    return {
        "actions": actions,
        "dones": np.eye(1, t, t - 1, dtype=np.uint8)[0],
        "rewards": np.eye(1, t, t - 1, dtype=np.uint8)[0],
        "robot_states": rng.normal(size=(t, 9)),
        "states": rng.normal(size=(t, 40)),
        "obs/agentview_rgb": frames,
        "obs/eye_in_hand_rgb": frames[:, ::-1].copy(),
        "obs/ee_pos": rng.normal(size=(t, 3)),
        "obs/joint_states": rng.normal(size=(t, 7)),
        "obs/gripper_states": rng.normal(size=(t, 2)),
    }


def write_base(path, variant, seed, demos=3, userblock=0, chunked_cameras=False, fletcher=False, libver=None):
    rng = np.random.default_rng(seed)
    kwargs = {"userblock_size": userblock} if userblock else {}
    if libver:
        kwargs["libver"] = libver
    with h5py.File(path, "w", **kwargs) as f:
        data = f.create_group("data")
        if variant == "original":
            data.attrs["problem_info"] = json.dumps({"problem_name": "libero_tabletop_manipulation",
                                                     "language_instruction": LANG})
            data.attrs["env_args"] = json.dumps({"env_name": "Libero_Tabletop_Manipulation", "type": 1})
            data.attrs["bddl_file_name"] = "libero/bddl_files/libero_spatial/put_the_bowl_on_the_plate.bddl"
            data.attrs["tag"] = "libero-v1"
        elif variant == "robomimic":
            data.attrs["env_args"] = json.dumps({"env_name": "Lift", "type": 1})
        total = 0
        for d in range(demos):
            t = int(rng.integers(*T_RANGE))
            total += t
            g = data.create_group("demo_%d" % d)
            for key, value in demo_arrays(rng, t).items():
                opts = {}
                if chunked_cameras and key.endswith("_rgb"):
                    opts = {"chunks": (1, IMG, IMG, 3), "compression": "gzip", "compression_opts": 4}
                if fletcher and key == "actions":
                    opts = {"chunks": (8, 7), "fletcher32": True}
                g.create_dataset(key, data=value, **opts)
            if variant != "no_noops":
                g.attrs["num_samples"] = t
            if variant == "original":
                g.attrs["model_file"] = "<mujoco model='base'>" + "x" * 2000 + "</mujoco>"
                g.attrs["init_state"] = rng.normal(size=40)
        if variant == "original":
            data.attrs["num_demos"] = demos
            data.attrs["total"] = total
        if variant == "robomimic":
            data.attrs["total"] = total
            mask = f.create_group("mask")
            mask.create_dataset("train", data=np.array([b"demo_0", b"demo_1"], dtype="S6"))
            mask.create_dataset("valid", data=np.array([b"demo_2"], dtype="S6"))


BASES = {
    "base_original": dict(variant="original"),
    "base_no_noops": dict(variant="no_noops"),
    "base_robomimic": dict(variant="robomimic", chunked_cameras=True),
    "base_robomimic_flat": dict(variant="robomimic"),
}


class Writer:
    def __init__(self, out, big):
        self.files = os.path.join(out, "files")
        self.side = os.path.join(out, "side")
        self.entries = []
        self.big = big
        for d in (self.files, self.side):
            os.makedirs(d, exist_ok=True)

    def path(self, name):
        return os.path.join(self.files, name)

    def add(self, name, kind, expect, problem=""):
        self.entries.append({"name": name, "kind": kind, "expect": expect, "problem": problem})

    def base_copy(self, base, name):
        shutil.copyfile(self.path(base + ".hdf5"), self.path(name))
        return self.path(name)


def structural(w):
    """The cases the issue names, each once."""
    # declared billion-step datasets, chunked, never written: a file of a few KB
    name = "struct_billion_actions.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        del f["data/demo_1/actions"]
        f["data/demo_1"].create_dataset("actions", shape=(1_000_000_000, 7), dtype="f8", chunks=(1024, 7))
    w.add(name, "billion_steps", "bad", "declares 1,000,000,000 steps")

    name = "struct_billion_all.hdf5"
    p = w.base_copy("base_original", name)
    with h5py.File(p, "a") as f:
        g = f["data/demo_0"]
        for key in list(g.keys()):
            if key != "obs":
                shape = g[key].shape
                del g[key]
                g.create_dataset(key, shape=(1_000_000_000,) + shape[1:], dtype="f8", chunks=(4096,) + shape[1:])
        cam = g["obs/agentview_rgb"]
        del g["obs/agentview_rgb"]
        g["obs"].create_dataset("agentview_rgb", shape=(1_000_000_000, IMG, IMG, 3), dtype="u1", chunks=(1, IMG, IMG, 3),
                                compression="gzip")
    w.add(name, "billion_steps", "bad")

    name = "struct_billion_contiguous.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        del f["data/demo_2/actions"]
        f["data/demo_2"].create_dataset("actions", shape=(1_000_000_000, 7), dtype="f8")
    w.add(name, "billion_steps", "bad")

    name = "struct_billion_camera.hdf5"
    p = w.base_copy("base_robomimic", name)
    with h5py.File(p, "a") as f:
        g = f["data/demo_0/obs"]
        del g["agentview_rgb"]
        g.create_dataset("agentview_rgb", shape=(1_000_000_000, IMG, IMG, 3), dtype="u1", chunks=(1, IMG, IMG, 3),
                         compression="gzip")
    w.add(name, "billion_steps", "bad")

    # hard-link cycles
    name = "struct_hardlink_cycle_parent.hdf5"
    p = w.base_copy("base_original", name)
    with h5py.File(p, "a") as f:
        f["data/demo_1/back"] = f["data"]
    w.add(name, "hardlink_cycle", "bad", "hard link cycle")

    name = "struct_hardlink_cycle_self.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        f["data/demo_0/obs/loop"] = f["data/demo_0"]
        f["data/demo_2/again"] = f["data/demo_2"]
    w.add(name, "hardlink_cycle", "bad", "hard link cycle")

    # deep nesting (8,000 levels) inside a demo and beside the data group
    for where, expect in (("data/demo_0/obs", "bad"), ("data/demo_1", "bad"), ("", "any")):
        name = "struct_deep_%s.hdf5" % (where.replace("/", "_") or "root")
        p = w.base_copy("base_no_noops", name)
        with h5py.File(p, "a", libver="latest") as f:
            g = f[where] if where else f
            for _ in range(8000):
                g = g.create_group("n")
        w.add(name, "deep_groups", expect)

    # huge attributes
    n_chars = 256 * 1024 * 1024 if w.big else 8 * 1024 * 1024
    n_values = 50_000_000 if w.big else 2_000_000
    name = "struct_huge_string_attribute.hdf5"
    p = w.base_copy("base_original", name)
    with h5py.File(p, "a") as f:
        f["data"].attrs["env_args"] = "x" * n_chars
    w.add(name, "huge_attribute", "bad", "attribute")

    name = "struct_huge_numeric_attribute.hdf5"
    p = w.path(name)
    write_base(p, "original", 31, libver="latest")  # dense attribute storage (object header v2)
    with h5py.File(p, "a") as f:
        f["data"].attrs["total_per_step"] = np.zeros(n_values)
    w.add(name, "huge_attribute", "bad", "attribute")

    name = "struct_huge_demo_attribute.hdf5"
    p = w.path(name)
    write_base(p, "original", 32, libver="latest")
    with h5py.File(p, "a") as f:
        f["data/demo_1"].attrs["init_state"] = np.zeros(n_values)
    w.add(name, "huge_attribute", "any")

    # demos that are links
    name = "struct_soft_link_demo.hdf5"
    p = w.base_copy("base_original", name)
    with h5py.File(p, "a") as f:
        f["data/demo_3"] = h5py.SoftLink("/data/demo_0")
    w.add(name, "soft_link_demo", "valid")

    target = os.path.join(w.side, "external_target.hdf5")
    write_base(target, "no_noops", 7)
    name = "struct_external_link_demo.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        f["data/demo_3"] = h5py.ExternalLink(os.path.relpath(target, w.files), "/data/demo_1")
    w.add(name, "external_link_demo", "valid")

    name = "struct_external_link_missing.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        f["data/demo_3"] = h5py.ExternalLink("no_such_file.hdf5", "/data/demo_0")
    w.add(name, "external_link_missing", "bad", "no_such_file.hdf5")

    name = "struct_soft_link_dangling.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        f["data/demo_3"] = h5py.SoftLink("/data/nowhere")
    w.add(name, "soft_link_dangling", "bad", "nowhere")

    # user blocks: valid files
    for size in (512, 1024, 4096):
        name = "struct_userblock_%d.hdf5" % size
        write_base(w.path(name), "original", 11 + size, userblock=size)
        w.add(name, "userblock", "valid")

    # Fletcher32: valid, then one corrupted chunk (h5py refuses to read it)
    name = "struct_fletcher32_ok.hdf5"
    write_base(w.path(name), "no_noops", 21, fletcher=True)
    w.add(name, "fletcher32", "valid")
    name = "struct_fletcher32_corrupt.hdf5"
    write_base(w.path(name), "no_noops", 21, fletcher=True)
    with h5py.File(w.path(name), "r") as f:
        ds = f["data/demo_1/actions"]
        offset = ds.id.get_chunk_info(0).byte_offset
    with open(w.path(name), "r+b") as fh:
        fh.seek(offset + 9)
        b = fh.read(1)
        fh.seek(offset + 9)
        fh.write(bytes([b[0] ^ 0x01]))
    with h5py.File(w.path(name), "r") as f:
        try:
            f["data/demo_1/actions"][:]
            raise SystemExit("h5py read the corrupted chunk")
        except OSError:
            pass
    w.add(name, "fletcher32_corrupt", "bad", "checksum")

    # plain bad inputs the reader already reports well
    name = "struct_nan_actions.hdf5"
    p = w.base_copy("base_no_noops", name)
    with h5py.File(p, "a") as f:
        a = f["data/demo_0/actions"]
        a[3, 2] = np.nan
    w.add(name, "non_finite", "bad", "nan")

    name = "struct_empty.hdf5"
    open(w.path(name), "wb").close()
    w.add(name, "empty_file", "bad")

    name = "struct_not_hdf5.hdf5"
    with open(w.path(name), "w") as fh:
        fh.write("this is not an HDF5 file\n")
    w.add(name, "not_hdf5", "bad")

    # symbolic links in the folder
    os.symlink("no_such_target.hdf5", w.path("struct_symlink_dangling.hdf5"))
    w.add("struct_symlink_dangling.hdf5", "symlink_dangling", "bad", "link")
    os.symlink("struct_symlink_loop_b.hdf5", w.path("struct_symlink_loop_a.hdf5"))
    os.symlink("struct_symlink_loop_a.hdf5", w.path("struct_symlink_loop_b.hdf5"))
    w.add("struct_symlink_loop_a.hdf5", "symlink_loop", "bad", "link")
    w.add("struct_symlink_loop_b.hdf5", "symlink_loop", "bad", "link")


def mutate(w, rng, i):
    base = rng.choice(sorted(BASES))
    kind = rng.choice(["bitflip", "bitflip", "truncate", "truncate", "actions_shape", "length_mismatch",
                       "attribute_type", "drop_actions", "actions_dtype", "nan", "attribute_shape", "camera_shape",
                       "zero_demos", "no_data"])
    name = "mut_%04d_%s_%s.hdf5" % (i, kind, base[5:])
    p = w.base_copy(base, name)
    size = os.path.getsize(p)
    expect = "bad"
    if kind == "bitflip":
        with open(p, "r+b") as fh:
            for _ in range(rng.randint(1, 8)):
                at = rng.randrange(0, size)
                fh.seek(at)
                b = fh.read(1)
                fh.seek(at)
                fh.write(bytes([b[0] ^ (1 << rng.randrange(8))]))
        expect = "any"
    elif kind == "truncate":
        with open(p, "r+b") as fh:
            fh.truncate(rng.randrange(0, size - 1))
    else:
        with h5py.File(p, "a") as f:
            demo = f["data/demo_%d" % rng.randrange(3)]
            t = demo["actions"].shape[0]
            if kind == "actions_shape":
                del demo["actions"]
                demo.create_dataset("actions", data=np.zeros((t, rng.choice([1, 6, 8]))))
            elif kind == "length_mismatch":
                key = rng.choice(["dones", "rewards", "states", "obs/ee_pos", "obs/agentview_rgb"])
                old = demo[key][...]
                del demo[key]
                demo.create_dataset(key, data=old[: t - rng.randint(1, 5)])
            elif kind == "attribute_type":
                target = f["data"] if rng.random() < 0.5 else demo
                key = rng.choice(["problem_info", "env_args", "num_samples", "model_file", "init_state", "total"])
                target.attrs[key] = rng.choice([np.arange(5), 3.5, "not json {", np.array([b"a", b"b"])])
                expect = "any"
            elif kind == "drop_actions":
                del demo["actions"]
            elif kind == "actions_dtype":
                del demo["actions"]
                demo.create_dataset("actions", data=np.array([b"x"] * t))
            elif kind == "nan":
                a = demo["actions"]
                a[rng.randrange(t), rng.randrange(7)] = rng.choice([np.nan, np.inf, -np.inf])
            elif kind == "attribute_shape":
                demo.attrs["init_state"] = np.zeros((rng.randint(1, 50), rng.randint(1, 50)))
                expect = "any"
            elif kind == "camera_shape":
                del demo["obs/agentview_rgb"]
                demo.create_dataset("obs/agentview_rgb", data=np.zeros((t + rng.randint(1, 4), IMG, IMG, 3), np.uint8))
            elif kind == "zero_demos":
                for k in list(f["data"].keys()):
                    del f["data"][k]
            elif kind == "no_data":
                f.move("data", "renamed")
    w.add(name, kind, expect)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=80)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--big", action="store_true")
    args = ap.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    w = Writer(args.out, args.big)
    for i, (name, opts) in enumerate(sorted(BASES.items())):
        write_base(w.path(name + ".hdf5"), seed=100 + i, **opts)
        w.add(name + ".hdf5", "base", "valid")
    structural(w)
    rng = random.Random(args.seed)
    i = 0
    while len(w.entries) < args.count:
        mutate(w, rng, i)
        i += 1
    for e in w.entries:
        p = w.path(e["name"])
        if os.path.isfile(p) and not os.path.islink(p):
            with open(p, "rb") as fh:
                e["sha256"] = hashlib.file_digest(fh, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                    else hashlib.sha256(fh.read()).hexdigest()
    with open(os.path.join(args.out, "manifest.json"), "w") as fh:
        json.dump(w.entries, fh, indent=1)
    print("%d files in %s" % (len(w.entries), w.files))


if __name__ == "__main__":
    sys.exit(main())
