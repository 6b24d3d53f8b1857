"""Stand-in for WorldVLA's training entry point (tests only; WorldVLA itself needs 80 GB-class GPUs).

Same flags as pretrain_solver_awm_w_ck.py, same log lines on stderr and in <output_dir>/common.log, same
log_train.txt / log_eval_ind.txt / log_eval_ood.txt JSON lines, same epoch<E>/ checkpoint folders, auto-resume from
the latest epoch* folder unless --no_auto_resume, and the same failures. Trains a tiny next-token model on the
pre-tokenized records for real (DDP, gloo on the CPU).
"""
import argparse
import datetime
import glob
import json
import logging
import math
import os
import pickle
import re
import shutil
import struct
import sys
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP

VOCAB = 256


def parse_args():
    p = argparse.ArgumentParser("FlexARWorldModel training (stand-in)")
    p.add_argument("--model_size", default="7B", choices=["7B", "34B"])
    p.add_argument("--batch_size", type=int, default=4)
    p.add_argument("--accum_iter", type=int, default=1)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--warmup_epochs", type=float, default=0.03)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--min_lr", type=float, default=0.0)
    p.add_argument("--wd", type=float, default=0.1)
    p.add_argument("--clip_grad", type=float, default=-1)
    p.add_argument("--data_config_train", type=str)
    p.add_argument("--data_config_val_ind", type=str)
    p.add_argument("--data_config_val_ood", type=str)
    p.add_argument("--max_seq_len", type=int, default=4096)
    p.add_argument("--unmask_image_logits", action="store_true")
    p.add_argument("--output_dir", default="./output_dir")
    p.add_argument("--init_from", default=None)
    p.add_argument("--save_iteration_interval", type=int, default=5000)
    p.add_argument("--ckpt_max_keep", type=int, default=2)
    p.add_argument("--cache_ann_on_disk", action="store_true")
    p.add_argument("--auto_resume", action="store_true", default=True)
    p.add_argument("--no_auto_resume", action="store_false", dest="auto_resume")
    p.add_argument("--resume_path", default=None)
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def read_config(path):
    paths = []
    if not path:
        return paths
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*-\s*path:\s*'(.*)'\s*$", line)
            if m:
                paths.append(m.group(1).replace("''", "'"))
    samples = []
    for p in paths:
        with open(p) as f:
            for rec in json.load(f):
                with open(rec["file"], "rb") as g:
                    item = pickle.load(g)
                samples.append([t % VOCAB for t in item["token"]])
    return samples


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        body = f.read()
    out = {}
    for name, meta in header.items():
        a, b = meta["data_offsets"]
        out[name] = torch.frombuffer(bytearray(body[a:b]), dtype=torch.float32).reshape(meta["shape"]).clone()
    return out


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(VOCAB, 16)
        self.out = torch.nn.Linear(16, VOCAB)

    def forward(self, x):
        return self.out(self.emb(x))


def main():
    args = parse_args()
    distributed = "WORLD_SIZE" in os.environ
    if distributed:
        dist.init_process_group("gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        rank, world = 0, 1
    torch.manual_seed(args.seed + rank)

    logger = logging.getLogger("stand-in")
    logger.setLevel(logging.INFO)
    fmt = logging.Formatter(f"[rank{rank}:%(levelname)s|%(filename)s:%(lineno)d] %(asctime)s >> %(message)s")
    if rank == 0:
        handlers = [logging.StreamHandler(sys.stderr), logging.FileHandler(os.path.join(args.output_dir, "common.log"))]
    else:
        handlers = [logging.FileHandler(os.path.join(args.output_dir, f"common_rank{rank}.log"))]
    for h in handlers:
        h.setFormatter(fmt)
        logger.addHandler(h)

    train = read_config(args.data_config_train)
    val_ind = read_config(args.data_config_val_ind)
    val_ood = read_config(args.data_config_val_ood)
    logger.info(f"train samples {len(train)}, val_ind {len(val_ind)}, val_ood {len(val_ood)}")
    model = Model()
    start_epoch = 0
    if args.init_from:
        model.load_state_dict(load_safetensors(os.path.join(args.init_from, "model.safetensors")))
        logger.info(f"init from {args.init_from}")
    if args.auto_resume:
        done = sorted(int(m.group(1)) for d in glob.glob(os.path.join(args.output_dir, "epoch*"))
                      if (m := re.fullmatch(r"epoch(\d+)", os.path.basename(d))))
        if done:
            last = os.path.join(args.output_dir, f"epoch{done[-1]}")
            model.load_state_dict(load_safetensors(os.path.join(last, "model.safetensors")))
            start_epoch = done[-1] + 1
            logger.info(f"resume from {last}, epoch {start_epoch}")
    ddp = DDP(model) if distributed else model
    opt = torch.optim.AdamW(ddp.parameters(), lr=args.lr, weight_decay=args.wd)

    sleep = float(os.environ.get("STANDIN_ITER_SLEEP", "0"))
    nan_at = int(os.environ.get("STANDIN_NAN_AT_ITER", "-1"))
    fail_rank = int(os.environ.get("STANDIN_FAIL_RANK", "-1"))
    print_freq = int(os.environ.get("STANDIN_PRINT_FREQ", "10"))
    per_step = args.batch_size * world
    n_train = max(1, math.ceil(len(train) / per_step))
    global_iter = start_epoch * n_train

    def batch_of(samples, i):
        chunk = samples[(i * per_step + rank * args.batch_size) % max(1, len(samples)):][: args.batch_size] or samples[: args.batch_size]
        seqs = [s[: args.max_seq_len] for s in chunk] or [[1, 2, 3]]
        length = min(len(s) for s in seqs)
        return torch.tensor([s[:length] for s in seqs], dtype=torch.long)

    def meters_line(hdr, i, n, m, t0, lr):
        parts = [f"{hdr}  [{i}/{n}]"]
        if lr is not None:
            parts.append(f"lr: {lr:.6f}")
        for k, (w, g) in m.items():
            parts.append(f"{k}: {w:.4f} ({g:.4f})")
        dt = time.time() - t0
        parts.append(f"time: {dt:.4f}  data: 0.0010  samples/sec: {per_step / max(dt, 1e-6):.2f}  max mem: 0")
        return "  ".join(parts)

    def run_phase(epoch, samples, training, key):
        nonlocal global_iter
        n = n_train if training else max(1, math.ceil(len(samples) / per_step))
        totals = {}
        hdr = f"Epoch: [{epoch}]"
        for i in range(n):
            t0 = time.time()
            x = batch_of(samples, i)
            logits = ddp(x[:, :-1]) if x.shape[1] > 1 else ddp(x)
            target = x[:, 1:] if x.shape[1] > 1 else x
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), target.reshape(-1))
            if training and global_iter == nan_at:
                loss = loss * float("nan")
            if training and global_iter == 1 and rank == fail_rank:
                logger.error("stand-in: rank %d fails on purpose", rank)
                sys.exit(3)
            if not math.isfinite(loss.item()):
                logger.error(f"Loss is {loss.item()}, stopping training")
                sys.exit(1)
            lr = args.lr
            grad_norm = 0.0
            if training:
                warm = args.warmup_epochs * n_train
                step = global_iter
                lr = args.lr * (step + 1) / warm if step < warm else args.min_lr + (args.lr - args.min_lr) * 0.5 * (
                    1 + math.cos(math.pi * (step - warm) / max(1, args.epochs * n_train - warm)))
                for g in opt.param_groups:
                    g["lr"] = lr
                opt.zero_grad()
                loss.backward()
                grad_norm = float(torch.nn.utils.clip_grad_norm_(ddp.parameters(), args.clip_grad if args.clip_grad > 0 else 1e9))
                opt.step()
                global_iter += 1
            acc = (logits.argmax(-1) == target).float().mean().item()
            vals = {"closs": loss.item(), "z_loss": loss.item() * 3.1, "acc_image": acc, "acc_action_0": acc,
                    "acc_action_1": acc * 0.9, "l1_action_0": 1 - acc}
            if training:
                vals["grad_norm"] = grad_norm
            for k, v in vals.items():
                s, c = totals.get(k, (0.0, 0))
                totals[k] = (s + v, c + 1)
            m = {k: (v, totals[k][0] / totals[k][1]) for k, v in vals.items()}
            if sleep:
                time.sleep(sleep)
            if i % print_freq == 0 or i == n - 1:
                logger.info(meters_line(hdr, i, n, m, t0, lr if training else None))
        avg = {k: s / c for k, (s, c) in totals.items()}
        logger.info("Averaged stats: " + "  ".join(f"{k}: {v:.4f}" for k, v in avg.items()))
        if training:
            avg["lr"] = lr
        return {f"{key}_{k}": v for k, v in avg.items()}

    for epoch in range(start_epoch, args.epochs):
        t_epoch = time.time()
        stats = run_phase(epoch, train, True, "train")
        ind = run_phase(epoch, val_ind, False, "val") if val_ind else {}
        ood = run_phase(epoch, val_ood, False, "val") if val_ood else {}
        logger.info(f"Epoch: [{epoch}] Total time: {datetime.timedelta(seconds=int(time.time() - t_epoch))}")
        target_dir = os.path.join(args.output_dir, f"epoch{epoch}")
        if rank == 0:
            os.makedirs(target_dir, exist_ok=True)
            with open(os.path.join(target_dir, "config.json"), "w") as f:
                json.dump({"model_type": "chameleon", "stand_in": True, "model_size": args.model_size}, f)
            save_safetensors(os.path.join(target_dir, "model.safetensors"), model.state_dict())
        if distributed:
            dist.barrier()
        torch.save(opt.state_dict(), os.path.join(target_dir, f"optimizer.{rank:05d}-of-{world:05d}.pth"))
        if rank == 0:
            for name, d in (("log_train.txt", stats), ("log_eval_ind.txt", ind), ("log_eval_ood.txt", ood)):
                if d or name == "log_train.txt":
                    with open(os.path.join(args.output_dir, name), "a") as f:
                        f.write(json.dumps({**d, "epoch": epoch}) + "\n")
            kept = sorted((int(m.group(1)), d) for d in glob.glob(os.path.join(args.output_dir, "epoch*"))
                          if (m := re.fullmatch(r"epoch(\d+)", os.path.basename(d))))
            for _, d in kept[: max(0, len(kept) - args.ckpt_max_keep)]:
                shutil.rmtree(d)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
