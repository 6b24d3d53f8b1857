"""A re-implementation, for tests only, of the three WorldVLA data scripts the studio's export replaces, as the
pipeline reference (section 1b) describes them:

  dump SRC_DIR ROOT            the dump script: per HDF5 file a task folder (file stem without _demo), per demo
                               trj_<i> (demo_0 .. demo_49 only), imgs/image_<j>.png (agentview rotated 180 deg,
                               PIL) and action/action_<j>.npy (np.save of actions[j])
  action BASE HIS K TAG RES OUT   action_model_conv_generation.py
  world  BASE HIS TAG RES OUT     world_model_conv_generation.py

Both generators list folders with sorted(os.listdir()), split tasks at ceil(0.9 * #tasks) and trajectories at
ceil(0.9 * #trj), build paths with os.path.join(BASE, task, trj, ...) and write json.dump(records, f, indent=2 | 4)."""
import json
import math
import os
import sys


def dump(src, root):
    import h5py
    import numpy as np
    from PIL import Image
    for name in sorted(os.listdir(src)):
        if not name.endswith(".hdf5"):
            continue
        task = name[:-len(".hdf5")]
        if task.endswith("_demo"):
            task = task[:-len("_demo")]
        with h5py.File(os.path.join(src, name), "r") as f:
            for i in range(50):
                key = "demo_%d" % i
                if key not in f["data"]:
                    continue
                demo = f["data"][key]
                actions = demo["actions"][()]
                frames = demo["obs"]["agentview_rgb"]
                trj = os.path.join(root, task, "trj_%d" % i)
                os.makedirs(os.path.join(trj, "imgs"), exist_ok=True)
                os.makedirs(os.path.join(trj, "action"), exist_ok=True)
                for j in range(actions.shape[0]):
                    img = frames[j][::-1, ::-1]
                    Image.fromarray(img).save(os.path.join(trj, "imgs", "image_%d.png" % j))
                    np.save(os.path.join(trj, "action", "action_%d.npy" % j), actions[j])


def split_of(task_id, n_in, i, n_train):
    if task_id < n_in and i < n_train:
        return "train"
    if task_id < n_in:
        return "val_ind"
    return "val_ood"


def action(base, his, k, tag, res, out):
    splits = {"train": [], "val_ind": [], "val_ood": []}
    tasks = sorted(os.listdir(base))
    n_in = math.ceil(len(tasks) * 0.9)
    for task_id, task in enumerate(tasks):
        text = task.replace("_", " ")
        trjs = sorted(os.listdir(os.path.join(base, task)))
        n_train = math.ceil(len(trjs) * 0.9)
        for i, trj in enumerate(trjs):
            apath = os.path.join(base, task, trj, "action")
            ipath = os.path.join(base, task, trj, "imgs")
            if not os.path.exists(apath) or not os.path.exists(ipath):
                continue
            a_idx = {int(f.split("_")[1].split(".")[0]) for f in os.listdir(apath)
                     if f.startswith("action_") and f.endswith(".npy")}
            i_idx = {int(f.split("_")[1].split(".")[0]) for f in os.listdir(ipath)
                     if f.startswith("image_") and f.endswith(".png")}
            common = sorted(a_idx & i_idx)
            imgs = [os.path.join(ipath, "image_%d.png" % j) for j in common]
            acts = [os.path.join(apath, "action_%d.npy" % j) for j in common]
            for j in range(len(acts)):
                img_c = imgs[max(0, j - his + 1): j + 1]
                act_c = acts[j: min(j + k, len(acts))]
                if len(act_c) < k:
                    continue
                rec = {"conversations": [
                    {"from": "human", "value": "What action should the robot take to %s?" % text + "<|image|>" * len(img_c)},
                    {"from": "gpt", "value": "<|action|>" * len(act_c)}],
                    "image": img_c, "action": act_c}
                splits[split_of(task_id, n_in, i, n_train)].append(rec)
    os.makedirs(out, exist_ok=True)
    for s, recs in splits.items():
        with open(os.path.join(out, "libero_%s_his_%d_%s_img_only_ck_%d_%d.json" % (tag, his, s, k, res)), "w") as f:
            json.dump(recs, f, indent=2)


def world(base, his, tag, res, out):
    splits = {"train": [], "val_ind": [], "val_ood": []}
    tasks = sorted(os.listdir(base))
    n_in = math.ceil(len(tasks) * 0.9)
    for task_id, task in enumerate(tasks):
        trjs = sorted(os.listdir(os.path.join(base, task)))
        n_train = math.ceil(len(trjs) * 0.9)
        for i, trj in enumerate(trjs):
            apath = os.path.join(base, task, trj, "action")
            ipath = os.path.join(base, task, trj, "imgs")
            imgs, acts = [], []
            for j in range(len(os.listdir(apath))):
                a = os.path.join(apath, "action_%d.npy" % j)
                im = os.path.join(ipath, "image_%d.png" % j)
                if not (os.path.exists(a) and os.path.exists(im)):
                    break
                imgs.append(im)
                acts.append(a)
            if len(imgs) < his + 1:
                continue
            for j in range(len(acts) - 1):
                hist = imgs[max(j - his + 1, 0): j + 1]
                rec = {"conversations": [
                    {"from": "human", "value": "Generate the next image based on the provided sequence of historical"
                                               " images and corresponding actions." + "<|image|>" * len(hist) + "<|action|>"},
                    {"from": "gpt", "value": "<|image|>"}],
                    "image": hist + imgs[j + 1: j + 2],
                    "action": acts[max(j - his + 1, 0): j + 1]}
                splits[split_of(task_id, n_in, i, n_train)].append(rec)
    os.makedirs(out, exist_ok=True)
    for s, recs in splits.items():
        with open(os.path.join(out, "libero_%s_his_%d_%s_a2i_%d.json" % (tag, his, s, res)), "w") as f:
            json.dump(recs, f, indent=4)


def compare(ours, ref):
    """Same tree; PNG pixels equal (decoded with PIL), .npy files identical bytes. Prints problems."""
    import numpy as np
    from PIL import Image
    problems = []
    for dirpath, _, files in os.walk(ref):
        for name in files:
            r = os.path.join(dirpath, name)
            o = os.path.join(ours, os.path.relpath(r, ref))
            if not os.path.exists(o):
                problems.append("missing " + o)
                continue
            if name.endswith(".png"):
                a, b = Image.open(o), Image.open(r)
                if a.mode != b.mode or a.size != b.size or not np.array_equal(np.asarray(a), np.asarray(b)):
                    problems.append("pixels differ " + o)
            elif open(o, "rb").read() != open(r, "rb").read():
                problems.append("bytes differ " + o)
    n = sum(len(f) for _, _, f in os.walk(ref))
    m = sum(len(f) for _, _, f in os.walk(ours))
    if n != m:
        problems.append("file counts differ: ours %d, reference %d" % (m, n))
    print("\n".join(problems) if problems else "same %d files" % n)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif cmd == "action":
        action(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6]), sys.argv[7])
    elif cmd == "world":
        world(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6])
    elif cmd == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("unknown command " + cmd)
