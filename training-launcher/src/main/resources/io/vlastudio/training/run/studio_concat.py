"""VLA Studio's concat driver (stage 2 of a WorldVLA run; written by the studio into the run folder).

Writes every token file the export's manifest names (token_files[].path: the pre-tokenized records of `from`, the
listed record indices or all of them, in the JSON list format WorldVLA's loader reads: {"file", "len", "id"}) and
then the run's data configs: <config_dir>/<split>.yaml = "META:" and one "- path: '<token file>'" per entry,
repeated `repeat` times. Refuses to write anything while a shard of the pre-tokenize stage is unfinished.
"""
import argparse
import glob
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--export", required=True)
    ap.add_argument("--pretok_dir", required=True)
    ap.add_argument("--config_dir", required=True)
    a = ap.parse_args()
    with open(os.path.join(a.export, "manifest.json")) as f:
        manifest = json.load(f)

    cache = {}

    def records_of(conv):
        stem = os.path.splitext(os.path.basename(conv))[0]
        if stem not in cache:
            folder = os.path.join(a.pretok_dir, stem)
            for progress in sorted(glob.glob(os.path.join(folder, "*-progress.txt"))):
                with open(progress) as f:
                    if f.read().strip() != "finished":
                        sys.exit(f"studio-concat: error: pre-tokenize of {conv} is not finished ({progress}); resume the run")
            if not glob.glob(os.path.join(folder, "*-progress.txt")):
                sys.exit(f"studio-concat: error: {folder} holds no pre-tokenized records of {conv}; resume the run")
            by_id = {}
            for part in sorted(glob.glob(os.path.join(folder, "*-record.jsonl"))):
                with open(part) as f:
                    for line in f:
                        if line.strip():
                            r = json.loads(line)
                            by_id[r["id"]] = r
            cache[stem] = by_id
        return cache[stem]

    lines = {"train": [], "val_ind": [], "val_ood": []}
    for entry in manifest.get("token_files", []):
        by_id = records_of(entry["from"])
        ids = entry.get("records")
        chosen = [by_id[i] for i in (ids if ids is not None else sorted(by_id)) if i in by_id]
        path = os.path.join(a.export, entry["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(chosen, f)
        os.replace(tmp, path)
        print(f"studio-concat: {entry['path']} {len(chosen)} records", flush=True)
        lines.setdefault(entry["split"], []).extend([os.path.abspath(path)] * int(entry.get("repeat", 1)))
    os.makedirs(a.config_dir, exist_ok=True)
    for split, paths in lines.items():
        with open(os.path.join(a.config_dir, f"{split}.yaml"), "w") as f:
            f.write("META:\n" if paths else "META: []\n")
            for p in paths:
                f.write("- path: '" + p.replace("'", "''") + "'\n")
        print(f"studio-concat: {split}.yaml {len(paths)} entries", flush=True)


if __name__ == "__main__":
    main()
