"""PyTorch side of bench/compare_train.sh: the same bias-free 784-256-256-10 ReLU network on
Fashion-MNIST, float32, SGD (lr 0.05, momentum 0.9), batch 128, as `frnorm train` runs it.
Each epoch shuffles with torch.randperm and slices the in-memory tensor (faster than a
DataLoader); only the training steps are timed. Prints one JSON object.

Usage: /usr/bin/python3 bench/torch_train.py EPOCHS THREADS [SEED]
"""
import json
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from torch_measure import FMNIST, read_idx  # noqa: E402


def main():
    epochs, threads = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    x, y = read_idx(FMNIST + "train-images-idx3-ubyte.gz", FMNIST + "train-labels-idx1-ubyte.gz")
    xt, yt = read_idx(FMNIST + "t10k-images-idx3-ubyte.gz", FMNIST + "t10k-labels-idx1-ubyte.gz")
    x, xt = x.float(), xt.float()
    model = torch.nn.Sequential(torch.nn.Linear(784, 256, bias=False), torch.nn.ReLU(),
                                torch.nn.Linear(256, 256, bias=False), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10, bias=False))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    epoch_s = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(x.shape[0])
        for first in range(0, x.shape[0], 128):
            index = order[first:first + 128]
            optimizer.zero_grad()
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimizer.step()
        epoch_s.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (model(xt).argmax(1) == yt).double().mean().item()
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "epoch_s": epoch_s, "test_acc": accuracy}))


if __name__ == "__main__":
    main()
