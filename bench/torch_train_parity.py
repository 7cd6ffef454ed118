"""PyTorch replays a `frnorm train` run step for step: the same initial weights (read from the
safetensors file `frnorm init` writes for the seed), the same minibatch order (frnorm's
Fisher-Yates shuffle over std::mt19937_64, written out below), the same float32 SGD. If the two
trainers are the same algorithm, their weights after the run differ by float round-off only;
a different update rule, loss scaling or batch order would show as an O(1) difference.

Usage: /usr/bin/python3 bench/torch_train_parity.py INIT.safetensors FRNORM_MODEL.safetensors
           SEED EPOCHS THREADS [LIMIT]
Prints one JSON object: the relative weight difference per layer and both test accuracies.
"""
import json
import sys

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from torch_measure import FMNIST, build, read_idx, read_safetensors  # noqa: E402

MASK = (1 << 64) - 1


class MT19937_64:
    """std::mt19937_64 (C++ [rand.predef]); checked against the standard's 10000th value."""

    def __init__(self, seed):
        self.mt = [seed & MASK]
        for i in range(1, 312):
            prev = self.mt[-1]
            self.mt.append((6364136223846793005 * (prev ^ (prev >> 62)) + i) & MASK)
        self.index = 312

    def _twist(self):
        mt = self.mt
        for i in range(312):
            y = (mt[i] & 0xFFFFFFFF80000000) | (mt[(i + 1) % 312] & 0x7FFFFFFF)
            v = mt[(i + 156) % 312] ^ (y >> 1)
            mt[i] = v ^ 0xB5026F5AA96619E9 if y & 1 else v
        self.index = 0

    def __call__(self):
        if self.index >= 312:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        return y ^ (y >> 43)


def below(engine, n):
    """frnorm's Rng::below: rejection of the top partial block, then the residue."""
    limit = MASK - MASK % n
    draw = engine()
    while draw >= limit:
        draw = engine()
    return draw % n


def frnorm_order(engine, n):
    """frnorm's shuffle() in train/trainer.cc: Fisher-Yates from the top."""
    order = list(range(n))
    for i in range(n, 1, -1):
        j = below(engine, i)
        order[i - 1], order[j] = order[j], order[i - 1]
    return order


def main():
    init_path, frnorm_path = sys.argv[1], sys.argv[2]
    seed, epochs, threads = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    limit = int(sys.argv[6]) if len(sys.argv) > 6 else None
    check = MT19937_64(5489)
    for _ in range(9999):
        check()
    assert check() == 9981545732273789042, "MT19937_64 does not match the C++ standard"

    torch.set_num_threads(threads)
    x, y = read_idx(FMNIST + "train-images-idx3-ubyte.gz", FMNIST + "train-labels-idx1-ubyte.gz")
    xt, yt = read_idx(FMNIST + "t10k-images-idx3-ubyte.gz", FMNIST + "t10k-labels-idx1-ubyte.gz")
    if limit is not None:
        x, y = x[:limit], y[:limit]
    x, xt = x.float(), xt.float()
    model = build({k: v.float() for k, v in read_safetensors(init_path).items()}, torch.float32)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    engine = MT19937_64(seed ^ 0x9E3779B97F4A7C15)
    n = x.shape[0]
    for _ in range(epochs):
        order = torch.tensor(frnorm_order(engine, n))
        for first in range(0, n, 128):
            index = order[first:first + 128]
            optimizer.zero_grad()
            loss_fn(model(x[index]), y[index]).backward()
            optimizer.step()
    theirs = read_safetensors(frnorm_path)
    layers = {}
    for name, parameter in model.state_dict().items():
        ours = theirs[name].float()
        layers[name] = ((parameter - ours).norm() / ours.norm()).item()
    with torch.no_grad():
        torch_acc = (model(xt).argmax(1) == yt).double().mean().item()
        frnorm_model = build({k: v.float() for k, v in theirs.items()}, torch.float32)
        frnorm_acc = (frnorm_model(xt).argmax(1) == yt).double().mean().item()
    print(json.dumps({"seed": seed, "epochs": epochs, "steps": epochs * -(-n // 128),
                      "relative_weight_difference": layers, "torch_test_acc": torch_acc,
                      "frnorm_test_acc": frnorm_acc}))


if __name__ == "__main__":
    main()
