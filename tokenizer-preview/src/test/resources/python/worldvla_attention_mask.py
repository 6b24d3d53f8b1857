# Reference for the action attention mask: WorldVLA's training mask (generate_att_mask_3 of its ChameleonXLLMX
# model) written out with NumPy. stdin: one line of token ids. stdout: one line per row, '1' allowed / '0' masked.
import sys
import numpy as np

ids = np.array([int(t) for t in sys.stdin.read().split()])
n = len(ids)
mask = np.tril(np.ones((n, n), dtype=bool))


def blocks(start_id, end_id):
    starts = list(np.where(ids == start_id)[0])
    ends = list(np.where(ids == end_id)[0])
    if len(starts) > len(ends):
        ends.append(n - 1)
    elif len(starts) < len(ends):
        ends = ends[:-1]
    assert len(starts) == len(ends)
    return list(zip(starts, ends))


images = blocks(8197, 8196)
actions = blocks(10004, 15004)
last_image_end = images[-1][1] if images else -1
for s, e in actions:
    if s > last_image_end:
        for ps, pe in actions:
            if pe < s:
                mask[s:e + 1, ps:pe + 1] = False
for row in mask:
    print("".join("1" if v else "0" for v in row))
