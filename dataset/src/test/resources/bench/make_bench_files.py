#!/usr/bin/python3
"""Bench files and h5py timings for VLA Studio's reader benchmark (ReaderBenchmark, `mvn -Pbench`).

Run with Debian's /usr/bin/python3 (apt python3-h5py, python3-numpy), not the first python3 on PATH.

  make_bench_files.py make OUT              write the bench files into OUT (skips parts already complete)
  make_bench_files.py time OUT PLAN.json    time h5py on the reads listed in PLAN.json; prints JSON
  make_bench_files.py ranges OUT/scan R.json  byte ranges of every camera dataset of the scan files -> R.json
  make_bench_files.py evict FILE...         drop FILEs from the page cache (posix_fadvise DONTNEED)
  make_bench_files.py resident R.json [FILE...]  page-cache residency of the ranges in R.json and of the
                                            whole files (only FILEs, when given)

Every file is written the way LIBERO's are: h5py, plain create_dataset(name, data=array), so every dataset
is contiguous, unchunked and uncompressed (except gzip_128, the robomimic-style comparison case).

  contiguous_128/task_demo.hdf5   original variant (all LIBERO attributes), 50 demos, T 120..200, 128x128
  contiguous_256/task_demo.hdf5   no-noops variant (no attributes), 10 demos, 256x256
  gzip_128/task_demo.hdf5         original variant, 10 demos, cameras chunks=(1,128,128,3) gzip level 4
  scan/libero_bench/task_NNN_demo.hdf5  130 files of the original variant, 50 demos each, realistic T and
                                  shapes, whose camera datasets (and per-step arrays other than
                                  actions, rewards, dones) hold one written row (step 0, row 0). HDF5
                                  allocates contiguous storage lazily, on the first write, and then
                                  allocates the whole (T,128,128,3) extent at once; it writes no fill value
                                  (h5py leaves the fill value at its default and HDF5's default fill time
                                  is "if set"), so the rest of the extent is never written and stays a
                                  hole in a sparse file. The datasets are valid contiguous datasets with a
                                  data address and a full-size extent inside the file (the reader's
                                  truncation check passes), but each file takes ~7 MB on disk instead of
                                  ~0.8 GB. Every other pixel reads as zero.

Image content: see camera(); gzip gets about 2.5x on it, so decompression has real work.
"""
import ctypes
import ctypes.util
import json
import mmap
import os
import statistics
import sys
import time
import zlib

import h5py
import numpy as np

VERSION = "3"  # bump when the files change; ReaderBenchmark regenerates when this differs
SEED = 20240611
SCAN_FILES = 130


def camera(rng, T, side, demo, cam):
    """(T,side,side,3) uint8: 8x8-pixel colour tiles that drift with the step, plus sparse noise in 0..3
    (30% of pixels). Deflate level 4 gets about 2.5x on it, like rendered scenes; no frame is all zeros."""
    y = np.arange(side, dtype=np.int64)[:, None, None]
    x = np.arange(side, dtype=np.int64)[None, :, None]
    c = np.arange(3, dtype=np.int64)[None, None, :]
    out = np.empty((T, side, side, 3), dtype=np.uint8)
    for t in range(T):
        out[t] = ((((x + t) // 8) * 37 + (y // 8) * (23 + cam) + c * 40 + demo * 17) % 256).astype(np.uint8)
    out += rng.integers(0, 4, size=out.shape, dtype=np.uint8) * (rng.random((T, side, side, 1)) < 0.3)
    return out


def env_args(side):
    return json.dumps({"type": 1, "env_name": "Libero_Kitchen_Tabletop_Manipulation",
                       "env_kwargs": {"controller_configs": {"type": "OSC_POSE",
                                                             "output_max": [0.05, 0.05, 0.05, 0.5, 0.5, 0.5]},
                                      "camera_names": ["robot0_eye_in_hand", "agentview"],
                                      "camera_heights": side, "camera_widths": side, "control_freq": 20}})


def actions(rng, T):
    a = rng.uniform(-0.9375, 0.9375, size=(T, 7))
    a[:, 3:6] *= 0.4
    a[:, 6] = np.where((np.arange(T) // 40) % 2 == 0, -1.0, 1.0)
    a[:3, :6] = 0.0
    return a


def write_attrs(g, task, num_demos, total, side):
    g.attrs["bddl_file_name"] = "libero/libero/bddl_files/libero_bench/%s.bddl" % task
    g.attrs["env_args"] = env_args(side)
    g.attrs["env_name"] = "Libero_Kitchen_Tabletop_Manipulation"
    g.attrs["macros_image_convention"] = "opengl"
    g.attrs["num_demos"] = np.int64(num_demos)
    g.attrs["problem_info"] = json.dumps({"problem_name": "libero_kitchen_tabletop_manipulation",
                                          "domain_name": "robosuite",
                                          "language_instruction": task.replace("_", " ")})
    g.attrs["tag"] = "libero-v1"
    g.attrs["total"] = np.int64(total)


def write_demo(g, rng, demo, T, side, state_dim, with_attrs, pixels="all", cam_opts=None):
    """pixels="all": every dataset written whole (data=array), as LIBERO does. pixels="one" (scan files):
    actions, rewards and dones written whole; cameras and the other per-step arrays created with their
    shape and only their first row written, so they are allocated but sparse on disk (a scan reads none
    of them: only structure, attributes and actions)."""
    cam_opts = cam_opts or {}
    dg = g.create_group("demo_%d" % demo)

    def per_step(parent, name, array, **opts):
        if pixels == "all":
            parent.create_dataset(name, data=array, **opts)
        else:
            # the first write allocates the whole contiguous extent; write only the first row (one disk block)
            ds = parent.create_dataset(name, shape=array.shape, dtype=array.dtype)
            ds[(0,) * (array.ndim - 1)] = array[(0,) * (array.ndim - 1)]

    states = rng.normal(size=(T, state_dim))
    if with_attrs:
        dg.attrs["init_state"] = states[0]
        dg.attrs["model_file"] = "<mujoco model='demo_%d'>" % demo + "<!-- body -->" * 6000 + "</mujoco>"
        dg.attrs["num_samples"] = np.int64(T)
    dg.create_dataset("actions", data=actions(rng, T))
    per_step(dg, "states", states)
    per_step(dg, "robot_states", rng.normal(size=(T, 9)))
    r = np.zeros(T, dtype=np.uint8)
    r[-1] = 1
    dg.create_dataset("rewards", data=r)
    dg.create_dataset("dones", data=r)
    obs = dg.create_group("obs")
    for cam, name in enumerate(("agentview_rgb", "eye_in_hand_rgb")):
        frames = camera(rng, T if pixels == "all" else 1, side, demo, cam)
        if pixels != "all":
            frames = np.broadcast_to(frames, (T, side, side, 3))
        per_step(obs, name, frames, **cam_opts)
    per_step(obs, "ee_pos", rng.normal(size=(T, 3)))
    per_step(obs, "ee_ori", rng.normal(size=(T, 3)))
    per_step(obs, "ee_states", rng.normal(size=(T, 6)))
    per_step(obs, "gripper_states", rng.normal(size=(T, 2)) * 0.04)
    per_step(obs, "joint_states", rng.normal(size=(T, 7)))


def write_file(path, demos, side, with_attrs, seed, state_dim=79, pixels="all", cam_opts=None):
    rng = np.random.default_rng(seed)
    lengths = [int(v) for v in rng.integers(120, 201, size=demos)]
    tmp = path + ".part"
    if pixels == "all":
        f = h5py.File(tmp, "w")
    else:
        # HDF5's 64 KB sieve buffer would turn each one-row write into a 64 KB write; keep it to one page
        fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
        fapl.set_fclose_degree(h5py.h5f.CLOSE_STRONG)
        fapl.set_sieve_buf_size(4096)
        f = h5py.File(h5py.h5f.create(tmp.encode(), h5py.h5f.ACC_TRUNC, fapl=fapl))
    with f:
        g = f.create_group("data")
        if with_attrs:
            write_attrs(g, os.path.basename(path)[:-len("_demo.hdf5")], demos, sum(lengths), side)
        for demo, T in enumerate(lengths):
            write_demo(g, rng, demo, T, side, state_dim, with_attrs, pixels, cam_opts)
    os.replace(tmp, path)


def part(out, name, writer):
    folder = os.path.join(out, name)
    marker = os.path.join(folder, ".complete")
    if os.path.exists(marker) and open(marker).read() == VERSION:
        print("bench files: %s already complete" % name, flush=True)
        return
    os.makedirs(folder, exist_ok=True)
    t0 = time.perf_counter()
    writer(folder)
    with open(marker, "w") as f:
        f.write(VERSION)
    print("bench files: wrote %s in %.1f s" % (name, time.perf_counter() - t0), flush=True)


def make(out):
    os.makedirs(out, exist_ok=True)
    part(out, "contiguous_128", lambda d: write_file(os.path.join(d, "task_demo.hdf5"), 50, 128, True, SEED))
    part(out, "contiguous_256", lambda d: write_file(os.path.join(d, "task_demo.hdf5"), 10, 256, False, SEED + 1))
    part(out, "gzip_128", lambda d: write_file(os.path.join(d, "task_demo.hdf5"), 10, 128, True, SEED + 2,
                                               cam_opts={"chunks": (1, 128, 128, 3), "compression": "gzip",
                                                         "compression_opts": 4}))

    def scan(d):
        sub = os.path.join(d, "libero_bench")
        os.makedirs(sub, exist_ok=True)
        for i in range(SCAN_FILES):
            write_file(os.path.join(sub, "task_%03d_demo.hdf5" % i), 50, 128, True, SEED + 100 + i,
                       state_dim=45 + (i % 79), pixels="one")
    part(out, "scan", scan)
    with open(os.path.join(out, ".complete"), "w") as f:
        f.write(VERSION)


# ---------------------------------------------------------------------------------------------- timing

def timed_reads(dsets, reads):
    """ds[step]: the way Python code reads a frame (a new array each time)."""
    out = []
    for d, s in reads:
        ds = dsets[d]
        t0 = time.perf_counter()
        ds[s]
        out.append(time.perf_counter() - t0)
    return out


def timed_reads_into(dsets, reads):
    """ds.read_direct(buf, np.s_[step]): into one reused array, h5py's counterpart of frame(..., into)."""
    out = []
    buf = None
    for d, s in reads:
        ds = dsets[d]
        if buf is None or buf.shape != ds.shape[1:]:
            buf = np.empty(ds.shape[1:], dtype=ds.dtype)
        t0 = time.perf_counter()
        ds.read_direct(buf, np.s_[s])
        out.append(time.perf_counter() - t0)
    return out


def summary(seconds):
    us = [v * 1e6 for v in seconds]
    return {"median_us": statistics.median(us), "mean_us": statistics.fmean(us), "n": len(us)}


def time_frames(case):
    with h5py.File(case["file"], "r") as f:
        dsets = {d: f["data/%s/obs/%s" % (d, case["camera"])] for d in case["demos"]}
        timed_reads(dsets, case["warmup"])
        timed_reads_into(dsets, case["warmup"])
        result = {}
        for row in ("random", "scrub"):
            result[row] = summary(timed_reads(dsets, case[row]))
            result[row + "_into"] = summary(timed_reads_into(dsets, case[row]))
        # checksums of the first frames read, compared with the Java reader's
        result["crc32"] = [zlib.crc32(dsets[d][s].tobytes()) for d, s in case["random"][:5]]
        ds = dsets[case["demos"][0]]
        storage = sum(dsets[d].id.get_storage_size() for d in case["demos"])
        logical = sum(dsets[d].size for d in case["demos"])
        result["compression_ratio"] = logical / storage if storage else None
        result["chunks"] = list(ds.chunks) if ds.chunks else None
        result["compression"] = ds.compression
    return result


def open_first_frame(path):
    t0 = time.perf_counter()
    f = h5py.File(path, "r")
    f["data/demo_0/obs/agentview_rgb"][0]
    elapsed = time.perf_counter() - t0
    f.close()
    return elapsed


def time_open(path, runs):
    times = [open_first_frame(path) for _ in range(runs)]
    evict([path])
    cold = open_first_frame(path)
    return {"first_ms": times[0] * 1e3, "median_ms": statistics.median(times) * 1e3, "n": runs,
            "cold_cache_ms": cold * 1e3}


def scan_one(path):
    """The h5py equivalent of FileInspector.inspect: demo list, lengths, attributes, actions statistics,
    shapes of the first demo (what robomimic's get_dataset_info.py prints). Never touches pixels."""
    with h5py.File(path, "r") as f:
        data = f["data"]
        attrs = {k: data.attrs[k] for k in data.attrs.keys() if k != "model_file"}
        names = sorted((k for k in data.keys() if k.startswith("demo_")), key=lambda k: int(k[5:]))
        stats = []
        for n in names:
            a = data[n]["actions"][()]
            stats.append((len(a), a.min(axis=0), a.max(axis=0), a.mean(axis=0), a.std(axis=0)))
        shapes = {}
        data[names[0]].visititems(lambda k, o: shapes.__setitem__(k, o.shape) if isinstance(o, h5py.Dataset) else None)
        return len(names), sum(s[0] for s in stats), len(attrs), len(shapes)


def time_scan(folder, runs):
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".hdf5"))
    times = []
    cpu = []
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        for p in files:
            scan_one(p)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {"files": len(files), "first_s": times[0], "median_s": statistics.median(times),
            "cpu_median_s": statistics.median(cpu), "n": runs}


def time_all(out, plan_path):
    """Runs the sections present in the plan: "frames", "open", "scan"."""
    with open(plan_path) as f:
        plan = json.load(f)
    result = {"h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version}
    if "frames" in plan:
        result["frames"] = {name: time_frames(case) for name, case in plan["frames"].items()}
    if "open" in plan:
        result["open"] = time_open(plan["open"]["file"], plan["open"]["runs"])
    if "scan" in plan:
        result["scan"] = time_scan(plan["scan"]["folder"], plan["scan"]["runs"])
    print(json.dumps(result))


# ------------------------------------------------------------------------------- page-cache accounting

def ranges(folder, out_json):
    files = {}
    for n in sorted(os.listdir(folder)):
        if not n.endswith(".hdf5"):
            continue
        p = os.path.join(folder, n)
        rs = []
        with h5py.File(p, "r") as f:
            for d in f["data"].keys():
                for cam in ("agentview_rgb", "eye_in_hand_rgb"):
                    ds = f["data/%s/obs/%s" % (d, cam)]
                    rs.append([int(ds.id.get_offset()), int(ds.size)])
        files[p] = rs
    with open(out_json + ".part", "w") as f:
        json.dump(files, f)
    os.replace(out_json + ".part", out_json)


def evict(paths):
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def resident(ranges_json, only=None):
    """Pages of each file in the page cache (mincore on a fresh mapping: it faults nothing in); only the
    files named in `only`, when given."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    page = mmap.PAGESIZE
    with open(ranges_json) as f:
        files = json.load(f)
    if only:
        keep = {os.path.realpath(p) for p in only}
        files = {p: rs for p, rs in files.items() if os.path.realpath(p) in keep}
    total_resident = pixel_resident = pixel_bytes = file_bytes = 0
    for p, rs in files.items():
        size = os.path.getsize(p)
        file_bytes += size
        pages = (size + page - 1) // page
        fd = os.open(p, os.O_RDONLY)
        try:
            addr = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
            if addr in (None, ctypes.c_void_p(-1).value):
                raise OSError(ctypes.get_errno(), "mmap failed for " + p)
            try:
                vec = (ctypes.c_ubyte * pages)()
                if libc.mincore(ctypes.c_void_p(addr), size, vec) != 0:
                    raise OSError(ctypes.get_errno(), "mincore failed for " + p)
                present = np.frombuffer(vec, dtype=np.uint8) & 1
            finally:
                libc.munmap(ctypes.c_void_p(addr), size)
        finally:
            os.close(fd)
        total_resident += int(present.sum()) * page
        for off, n in rs:
            pixel_bytes += n
            # count only whole pages inside the range: a page shared with neighbouring metadata is not pixels
            inner_first = (off + page - 1) // page
            inner_last = (off + n) // page - 1
            if inner_last >= inner_first:
                pixel_resident += int(present[inner_first:inner_last + 1].sum()) * page
    print(json.dumps({"files": len(files), "file_bytes": file_bytes, "resident_bytes": total_resident,
                      "pixel_bytes": pixel_bytes, "pixel_resident_bytes": pixel_resident, "page": page}))


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "make" and len(argv) == 3:
        make(argv[2])
    elif mode in ("time", "--time-h5py") and len(argv) == 4:
        time_all(argv[2], argv[3])
    elif mode == "ranges" and len(argv) == 4:
        ranges(argv[2], argv[3])
    elif mode == "evict" and len(argv) >= 3:
        evict(argv[2:])
    elif mode == "resident" and len(argv) >= 3:
        resident(argv[2], argv[3:])
    elif mode == "version":
        print(VERSION)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
