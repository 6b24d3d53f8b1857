"""VLA Studio's pre-tokenize driver (stage 1 of a WorldVLA run; written by the studio into the run folder).

Runs WorldVLA's own item processor over every conversation file of a studio export (manifest.json, contract A),
one shard of each file per process (one process per GPU), and writes what WorldVLA's pre-tokenizer writes:
<out_dir>/<conversation stem>/files/<i>.pkl, <shard>-of-<shards>-record.jsonl and <shard>-of-<shards>-progress.txt.
A shard resumes after its last finished record. Progress lines: "studio-pretokenize: <done>/<total> <stem>".
"""
import argparse
import importlib
import json
import math
import os
import pickle
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worldvla", required=True)
    ap.add_argument("--item_processor", default="data.pre_tokenize_action:ItemProcessor")
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--target_size", type=int, default=512)
    ap.add_argument("--export", required=True)
    ap.add_argument("--out_dir", required=True)
    ap.add_argument("--shard", type=int, default=0)
    ap.add_argument("--shards", type=int, default=1)
    a = ap.parse_args()

    sys.path.insert(0, a.worldvla)
    module, _, cls = a.item_processor.partition(":")
    processor = getattr(importlib.import_module(module), cls)(tokenizer=a.tokenizer, target_size=a.target_size)

    with open(os.path.join(a.export, "manifest.json")) as f:
        manifest = json.load(f)
    files = sorted({c["file"] for c in manifest.get("conversations", [])})
    work = []
    for name in files:
        with open(os.path.join(a.export, name)) as f:
            records = json.load(f)
        per = math.ceil(len(records) / a.shards) if records else 0
        work.append((name, records, per * a.shard, min(per * (a.shard + 1), len(records))))
    total = sum(max(0, end - start) for _, _, start, end in work)
    done = 0
    print(f"studio-pretokenize: {done}/{total} start", flush=True)
    for name, records, start, end in work:
        stem = os.path.splitext(os.path.basename(name))[0]
        out = os.path.join(a.out_dir, stem)
        os.makedirs(os.path.join(out, "files"), exist_ok=True)
        tag = f"{a.shard}-of-{a.shards}"
        progress = os.path.join(out, f"{tag}-progress.txt")
        first = start
        if os.path.exists(progress):
            with open(progress) as f:
                mark = f.read().strip()
            first = end if mark == "finished" else int(mark) + 1
        done += first - start if end > start else 0
        if end <= start:
            with open(progress, "w") as f:
                f.write("finished")
            continue
        for i in range(first, end):
            item = dict(records[i])
            for key in ("image", "action"):
                item[key] = [p if os.path.isabs(p) else os.path.join(a.export, p) for p in item.get(key, [])]
            tokens, labels = processor.process_item(item, training_mode=True)
            pkl = os.path.join(out, "files", f"{i}.pkl")
            with open(pkl, "wb") as f:
                pickle.dump({"token": tokens, "label": labels, "id": i}, f)
            with open(os.path.join(out, f"{tag}-record.jsonl"), "a") as f:
                f.write(json.dumps({"file": pkl, "len": len(tokens), "id": i}) + "\n")
            with open(progress, "w") as f:
                f.write("finished" if i == end - 1 else str(i))
            done += 1
            print(f"studio-pretokenize: {done}/{total} {stem}", flush=True)
    print(f"studio-pretokenize: {done}/{total} done", flush=True)


if __name__ == "__main__":
    main()
