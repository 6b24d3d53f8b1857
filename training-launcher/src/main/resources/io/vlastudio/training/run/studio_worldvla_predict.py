"""VLA Studio's WorldVLA generation driver (run by the launcher with the user's WorldVLA Python; written into the
predictions work folder). It loads a WorldVLA checkpoint with WorldVLA's own model and item-processor code and writes
what the studio turns into a predictions folder (contract C):

  world model   for each step t in [start, start + steps): the training prompt of the world-model conversation
                (--world_prompt, passed by the studio: its single owner is tokenizer-preview's TokenSequenceBuilder)
                + <|image|><|action|> with image t (the real one; open-loop: the previous generated one after the
                first step) and the real action t, greedy generation with image logits unmasked until the end-of-image
                token, decoded by the item processor: <work>/generated/image_<t+1>.png (the prediction FOR step t+1,
                WorldVLA's orientation and resolution)
  action model  for each chunk start t (every --chunk_stride steps while t + chunk <= length): --action_prompt +
                one <|image|> per real history image (max(0, t-history+1) .. t), greedy generation until the turn
                separator: <work>/action_tokens.json = {"chunks": [{"start": t, "tokens": [[7 action-bin ids], ...]}]}
                (the studio decodes them with its own action tokenizer)

Inputs come from <work>/input (written by the studio from the HDF5 demo, WorldVLA's dump format):
input/imgs/image_<j>.png and input/action/action_<j>.npy. Progress lines: "studio-predict: <done>/<total> <what>".
Exit 0 on success; on a bad checkpoint or input the error names the file.
"""
import argparse
import importlib
import json
import os
import sys

BEGIN_IMAGE, END_IMAGE, TURN_END = 8197, 8196, 8710
BEGIN_ACTION, END_ACTION = 10004, 15004


def load_class(option, spec):
    """module:Class, imported from the checkout's worldvla/ folder; a wrong name exits naming the option and value."""
    module, _, cls = spec.partition(":")
    if not module or not cls:
        sys.exit(f"{option} {spec}: expected module:Class, e.g. model:ChameleonXLLMXForConditionalGeneration_ck")
    try:
        loaded = importlib.import_module(module)
    except ImportError as e:
        sys.exit(f"{option} {spec}: cannot import module {module} from the WorldVLA checkout ({e})")
    if not hasattr(loaded, cls):
        sys.exit(f"{option} {spec}: module {module} ({getattr(loaded, '__file__', '?')}) has no {cls}")
    return getattr(loaded, cls)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worldvla", required=True, help="the checkout's worldvla/ folder (its code is imported)")
    ap.add_argument("--model_class", default="model:ChameleonXLLMXForConditionalGeneration_ck",
                    help="WorldVLA's model class as module:Class (imported from --worldvla)")
    ap.add_argument("--item_processor", default="data.pre_tokenize_action:ItemProcessor",
                    help="WorldVLA's item processor as module:Class (imported from --worldvla)")
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--target_size", type=int, default=512)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--length", type=int, required=True, help="steps of the demo")
    ap.add_argument("--mode", choices=["teacher-forced", "open-loop"], required=True)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--steps", type=int, required=True, help="frames to predict")
    ap.add_argument("--world_prompt", required=True)
    ap.add_argument("--action_prompt", required=True)
    ap.add_argument("--history", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=5)
    ap.add_argument("--chunk_stride", type=int, default=0, help="0: no action chunks")
    ap.add_argument("--max_position_embeddings", type=int, default=4096)
    ap.add_argument("--device", default="cuda")
    a = ap.parse_args()

    if not os.path.isfile(os.path.join(a.checkpoint, "config.json")):
        sys.exit(f"{a.checkpoint}: not a WorldVLA checkpoint folder (no config.json)")
    for j in (a.start,):
        if not os.path.isfile(os.path.join(a.work, "input", "imgs", f"image_{j}.png")):
            sys.exit(f"{os.path.join(a.work, 'input')}: no image_{j}.png (the studio writes the input folder first)")
    sys.path.insert(0, a.worldvla)
    import torch
    if a.device == "cuda" and not torch.cuda.is_available():
        sys.exit(f"{sys.executable}: PyTorch sees no CUDA GPU; WorldVLA generation needs one (a run created with --cpu"
                 " generates on the CPU, for tiny models only)")
    device = torch.device(a.device)
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    model = load_class("--model_class", a.model_class).from_pretrained(
        a.checkpoint, max_position_embeddings=a.max_position_embeddings, mask_image_logits=False,
        dropout=0.0, z_loss_weight=0.0, torch_dtype=dtype, device_map="cpu")
    model.to(device).eval()
    processor = load_class("--item_processor", a.item_processor)(tokenizer=a.tokenizer, target_size=a.target_size)

    inp = os.path.join(a.work, "input")
    gen = os.path.join(a.work, "generated")
    os.makedirs(gen, exist_ok=True)

    def image(j):
        return os.path.join(inp, "imgs", f"image_{j}.png")

    def action(j):
        return os.path.join(inp, "action", f"action_{j}.npy")

    def prompt_ids(human, images, actions):
        conv = {"conversations": [{"from": "human", "value": human}], "image": images, "action": actions}
        tokens = processor.process_item(conv, training_mode=False)
        if isinstance(tokens, tuple):
            tokens = tokens[0]
        return torch.tensor(tokens, dtype=torch.int64, device=device).unsqueeze(0)

    def generate(ids, max_new, eos):
        # Hugging Face generate() keyword arguments (greedy; they override the checkpoint's generation config)
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=max_new, do_sample=False, eos_token_id=eos)
        seq = out.sequences if hasattr(out, "sequences") else out
        return [int(t) for t in seq[0, ids.shape[1]:].tolist()]

    side = a.target_size // 16
    image_tokens = 3 + side * (side + 1) + 1
    chunk_starts = list(range(a.start, a.length - a.chunk + 1, a.chunk_stride)) if a.chunk_stride > 0 else []
    total = a.steps + len(chunk_starts)
    done = 0
    print(f"studio-predict: {done}/{total} start", flush=True)

    current = image(a.start)
    for t in range(a.start, a.start + a.steps):
        if a.mode == "teacher-forced":
            current = image(t)
        ids = prompt_ids(a.world_prompt + "<|image|><|action|>", [current], [action(t)])
        new = generate(ids, image_tokens + 8, [END_IMAGE])
        if BEGIN_IMAGE not in new or END_IMAGE not in new:
            sys.exit(f"step {t}: the model generated no complete image block ({len(new)} tokens)")
        block = new[new.index(BEGIN_IMAGE): new.index(END_IMAGE) + 1]
        target = os.path.join(gen, f"image_{t + 1}.png")
        processor.decode_image(block).save(target)
        current = target
        done += 1
        print(f"studio-predict: {done}/{total} frame {t + 1}", flush=True)

    chunks = []
    for t in chunk_starts:
        history = [image(j) for j in range(max(0, t - a.history + 1), t + 1)]
        ids = prompt_ids(a.action_prompt + "<|image|>" * len(history), history, [])
        new = generate(ids, a.chunk * 12, [TURN_END])
        blocks, open_at = [], None
        for i, tok in enumerate(new):
            if tok == BEGIN_ACTION:
                open_at = i
            elif tok == END_ACTION and open_at is not None:
                blocks.append(new[open_at + 1:i])
                open_at = None
        chunks.append({"start": t, "tokens": blocks})
        done += 1
        print(f"studio-predict: {done}/{total} chunk {t}", flush=True)
    with open(os.path.join(a.work, "action_tokens.json.part"), "w") as f:
        json.dump({"chunks": chunks}, f)
    os.replace(os.path.join(a.work, "action_tokens.json.part"), os.path.join(a.work, "action_tokens.json"))
    print(f"studio-predict: {done}/{total} done", flush=True)


if __name__ == "__main__":
    main()
