"""PyTorch side of bench/compare_measure.sh: the same Fisher-Rao computations as frnorm's
bench_measure on the same weights and data, timed the same way (median of 3).

  closed:      both forms of the closed form (MISSION §3) over the 60,000 Fashion-MNIST training
               images, batches of 1000, float64 (frnorm measures in double);
  forward:     one forward pass over the same data, for the ratio;
  per_sample:  explicit per-sample gradients on the first 1000 images (per-layer outer products
               of the backpropagated deltas and the layer inputs, the standard approach without
               functorch), then (g_i . theta)^2 and the model form from the K output gradients.

Usage: /usr/bin/python3 bench/torch_measure.py MODEL.safetensors THREADS
Prints one JSON object. Needs Debian's python3-torch (scripts/setup.sh --bench).
"""
import gzip
import json
import struct
import sys
import time

import numpy as np
import torch

FMNIST = "/usr/share/datasets/fashion-mnist/"


def read_safetensors(path):
    raw = open(path, "rb").read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    data = raw[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = {"F32": np.float32, "F64": np.float64}[info["dtype"]]
        tensors[name] = torch.from_numpy(
            np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"]).copy())
    return tensors


def read_idx(images, labels):
    with gzip.open(images) as f:
        raw = f.read()
    n, rows, cols = struct.unpack(">III", raw[4:16])
    x = np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, rows * cols) / 255.0
    with gzip.open(labels) as f:
        y = np.frombuffer(f.read()[8:], dtype=np.uint8).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def build(state, dtype):
    layers = []
    indices = sorted({int(k.split(".")[0]) for k in state})
    for position, index in enumerate(indices):
        w = state[f"{index}.weight"]
        linear = torch.nn.Linear(w.shape[1], w.shape[0], bias=f"{index}.bias" in state)
        linear.weight.data = w.to(dtype)
        if linear.bias is not None:
            linear.bias.data = state[f"{index}.bias"].to(dtype)
        layers.append(linear)
        if position + 1 < len(indices):
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def median_time(fn, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def closed_form(model, x, y, depth):
    empirical = model_form = 0.0
    with torch.no_grad():
        for start in range(0, x.shape[0], 1000):
            f = model(x[start:start + 1000])
            p = torch.softmax(f, dim=1)
            mean = (p * f).sum(1)
            empirical += ((mean - f.gather(1, y[start:start + 1000, None])[:, 0]) ** 2).sum().item()
            model_form += ((p * f * f).sum(1) - mean ** 2).sum().item()
    n = x.shape[0]
    return depth ** 2 * empirical / n, depth ** 2 * model_form / n


def forward_only(model, x):
    with torch.no_grad():
        sink = 0.0
        for start in range(0, x.shape[0], 1000):
            sink += model(x[start:start + 1000])[0, 0].item()
    return sink


def per_sample(model, x, y, chunk=16):
    """(g_i . theta) for the loss and for every output, from explicit per-sample gradients."""
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    theta = [l.weight.detach() for l in linears]
    empirical = model_form = 0.0
    for start in range(0, x.shape[0], chunk):
        xb, yb = x[start:start + chunk], y[start:start + chunk]
        inputs, pre = [], []
        h = xb
        for i, linear in enumerate(linears):
            inputs.append(h)
            z = linear(h)
            z.retain_grad()
            pre.append(z)
            h = torch.relu(z) if i + 1 < len(linears) else z
        f = h

        def along_theta(scalar):
            for z in pre:
                z.grad = None
            scalar.backward(retain_graph=True)
            total = torch.zeros(xb.shape[0], dtype=x.dtype)
            for a, z, t in zip(inputs, pre, theta):
                g = torch.einsum("bi,bj->bij", z.grad, a.detach())  # per-sample gradients
                total += (g * t).sum((1, 2))
            return total

        loss = torch.nn.functional.cross_entropy(f, yb, reduction="sum")
        empirical += (along_theta(loss) ** 2).sum().item()
        u = torch.stack([along_theta(f[:, k].sum()) for k in range(f.shape[1])], 1)
        p = torch.softmax(f.detach(), 1)
        model_form += ((p * u * u).sum(1) - (p * u).sum(1) ** 2).sum().item()
    n = x.shape[0]
    return empirical / n, model_form / n


def main():
    path, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    state = read_safetensors(path)
    x, y = read_idx(FMNIST + "train-images-idx3-ubyte.gz", FMNIST + "train-labels-idx1-ubyte.gz")
    model = build(state, torch.float64)
    depth = sum(isinstance(m, torch.nn.Linear) for m in model)
    forward_s, _ = median_time(lambda: forward_only(model, x))
    closed_s, (empirical, model_form) = median_time(lambda: closed_form(model, x, y, depth))
    per_sample_s, (ps_empirical, ps_model) = median_time(
        lambda: per_sample(model, x[:1000], y[:1000]), repeats=1)
    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(),
        "blas": torch.__config__.show().count("OpenBLAS") and "OpenBLAS" or "see torch config",
        "forward_s": forward_s, "closed_s": closed_s, "per_sample_1000_s": per_sample_s,
        "closed_empirical_squared": empirical, "closed_model_squared": model_form,
        "per_sample_empirical_squared_1000": ps_empirical,
        "per_sample_model_squared_1000": ps_model}))


if __name__ == "__main__":
    main()
