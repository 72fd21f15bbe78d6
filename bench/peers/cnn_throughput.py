#!/usr/bin/python3
"""PyTorch peer of Galen's CNN training benchmark (bench/Galen.Bench image-throughput).

Trains the same small ResNet as Galen.Deep's ImageResNet on the same 64x64 films, batch size,
optimiser (AdamW) and thread count, the usual PyTorch way: a Dataset that standardises each image
with the training mean and sd, and a DataLoader (shuffled, default collate, no workers). Timing
covers whole epochs: batch building, forward, backward and the optimiser step.

    /usr/bin/python3 bench/peers/cnn_throughput.py --data DIR --threads 1 --epochs 3

DIR is written by the Galen harness: images.f32 (count x size x size, in [0, 1]), labels.i64,
meta.json. Prints one JSON line: samples per second over the median epoch after the first
(warm-up), per-epoch times and mean losses, and the CPU time (user + sys) of the whole run.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    """Galen.Deep ResidualBlock: conv3x3-BN-ReLU-conv3x3-BN + shortcut (1x1 conv + BN when shape changes), ReLU."""

    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, stride=1, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(outputs)
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride=stride, bias=False), nn.BatchNorm2d(outputs))
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        y = F.relu(self.norm1(self.conv1(x)))
        y = self.norm2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class ImageResNet(nn.Module):
    """Galen.Deep ImageResNet with one block per stage: stem, stages, global average pool, dropout 0, linear."""

    def __init__(self, channels, widths, stem_stride, outputs):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(channels, widths[0], 3, stride=stem_stride, padding=1, bias=False),
                                  nn.BatchNorm2d(widths[0]), nn.ReLU())
        blocks, width = [], widths[0]
        for stage, w in enumerate(widths):
            blocks.append(ResidualBlock(width, w, 2 if stage > 0 else 1))
            width = w
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Linear(width, outputs)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(F.adaptive_avg_pool2d(x, 1).flatten(1))


class FilmDataset(torch.utils.data.Dataset):
    def __init__(self, images, labels, mean, sd):
        self.images = images
        self.labels = labels
        self.mean = mean
        self.sd = sd

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        image = (torch.from_numpy(self.images[index]) - self.mean) / self.sd
        return image, self.labels[index]


def profile(network, optimizer, loader, loss_function, steps=100):
    network.train()
    spent = [0.0, 0.0, 0.0, 0.0]
    batches = iter(loader)
    for step in range(steps + 10):
        if step == 10:
            spent = [0.0, 0.0, 0.0, 0.0]
        t0 = time.perf_counter()
        try:
            batch, targets = next(batches)
        except StopIteration:
            batches = iter(loader)
            batch, targets = next(batches)
        t1 = time.perf_counter()
        loss = loss_function(network(batch), targets)
        loss.item()
        t2 = time.perf_counter()
        optimizer.zero_grad()
        loss.backward()
        t3 = time.perf_counter()
        optimizer.step()
        t4 = time.perf_counter()
        for i, (a, b) in enumerate([(t0, t1), (t1, t2), (t2, t3), (t3, t4)]):
            spent[i] += b - a
    for name, total in zip(["batch", "forward", "backward", "optimizer"], spent):
        print(f"{name:<10}{1000 * total / steps:8.2f} ms/step")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print where a step's time goes instead")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    meta = json.load(open(os.path.join(args.data, "meta.json")))
    size = meta["size"]
    images = np.fromfile(os.path.join(args.data, "images.f32"), dtype=np.float32).reshape(-1, 1, size, size)
    labels = np.fromfile(os.path.join(args.data, "labels.i64"), dtype=np.int64)
    network = ImageResNet(1, meta["widths"], meta["stem_stride"], meta["classes"])
    optimizer = torch.optim.AdamW(network.parameters(), lr=meta["learning_rate"], weight_decay=meta["weight_decay"])
    loader = torch.utils.data.DataLoader(FilmDataset(images, labels, meta["mean"], meta["sd"]),
                                         batch_size=meta["batch_size"], shuffle=True, num_workers=0)
    loss_function = nn.CrossEntropyLoss()
    if args.profile:
        profile(network, optimizer, loader, loss_function)
        return
    times, losses = [], []
    cpu = time.process_time()
    network.train()
    for epoch in range(args.epochs):
        start = time.perf_counter()
        total, seen = 0.0, 0
        for batch, targets in loader:
            optimizer.zero_grad()
            loss = loss_function(network(batch), targets)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(targets)
            seen += len(targets)
        times.append(time.perf_counter() - start)
        losses.append(total / seen)
    cpu = time.process_time() - cpu
    measured = sorted(times[1:] if len(times) > 1 else times)
    middle = len(measured) // 2
    median = measured[middle] if len(measured) % 2 == 1 else (measured[middle - 1] + measured[middle]) / 2
    print(json.dumps({
        "peer": "pytorch " + torch.__version__,
        "samples_per_second": len(labels) / median,
        "epoch_seconds": times,
        "epoch_losses": losses,
        "cpu_seconds": cpu,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
