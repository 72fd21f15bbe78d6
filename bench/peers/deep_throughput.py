#!/usr/bin/python3
"""PyTorch peer of Galen's visit-sequence training benchmark (bench/Galen.Bench deep-throughput).

Trains the same network as Galen.Deep on the same samples, batch size, optimiser and thread
count, the usual PyTorch way: a Dataset of per-sample code lists and a DataLoader whose
collate_fn builds each batch (EmbeddingBag codes and offsets, lengths, padding mask). Timing
covers whole epochs: batch building, forward, backward and the optimiser step.

    /usr/bin/python3 bench/peers/deep_throughput.py --data DIR --model lstm --threads 1 --epochs 3

DIR is written by the Galen harness: samples.i32 (visits per sample), visits.i32 (codes per
visit), codes.i32 (vocabulary indices, 2.. ; 0 padding, 1 unknown), labels.f32, meta.json.
Prints one JSON line: samples per second over the median epoch after the first (warm-up), per-epoch times.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


def read(folder):
    meta = json.load(open(os.path.join(folder, "meta.json")))
    visits_per_sample = np.fromfile(os.path.join(folder, "samples.i32"), dtype=np.int32)
    codes_per_visit = np.fromfile(os.path.join(folder, "visits.i32"), dtype=np.int32)
    codes = np.fromfile(os.path.join(folder, "codes.i32"), dtype=np.int32)
    labels = np.fromfile(os.path.join(folder, "labels.f32"), dtype=np.float32)
    samples = []
    visit_at = 0
    code_at = 0
    for count in visits_per_sample:
        sample = []
        for v in range(count):
            n = codes_per_visit[visit_at + v]
            sample.append(codes[code_at:code_at + n].tolist())
            code_at += n
        visit_at += count
        samples.append(sample)
    return meta, samples, labels


class VisitDataset(torch.utils.data.Dataset):
    def __init__(self, samples, labels):
        self.samples = samples
        self.labels = labels

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        return self.samples[index], self.labels[index]


def collate(batch):
    longest = max(len(sample) for sample, _ in batch)
    codes, offsets, lengths, mask = [], [], [], []
    for sample, _ in batch:
        lengths.append(len(sample))
        for v in range(longest):
            offsets.append(len(codes))
            mask.append(v < len(sample))
            if v < len(sample):
                codes.extend(sample[v])
    return (
        torch.tensor(codes, dtype=torch.int64),
        torch.tensor(offsets, dtype=torch.int64),
        torch.tensor(lengths, dtype=torch.int64),
        torch.tensor(mask, dtype=torch.bool).view(len(batch), longest),
        torch.tensor([label for _, label in batch], dtype=torch.float32).view(-1, 1),
        longest,
    )


class VisitEmbedding(nn.Module):
    def __init__(self, vocabulary, size):
        super().__init__()
        self.size = size
        self.codes = nn.EmbeddingBag(vocabulary, size, mode="sum")
        with torch.no_grad():
            self.codes.weight.normal_(0, 0.1)

    def forward(self, codes, offsets, batch, visits):
        return self.codes(codes, offsets).view(batch, visits, self.size)


class LstmNetwork(nn.Module):
    """Galen.Deep RecurrentVisitNetwork (LSTM, no visit times)."""

    def __init__(self, vocabulary, embedding, hidden, layers, dropout):
        super().__init__()
        self.embedding = VisitEmbedding(vocabulary, embedding)
        self.dropout = nn.Dropout(dropout)
        self.rnn = nn.LSTM(embedding, hidden, layers, batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.head = nn.Linear(hidden, 1)

    def forward(self, codes, offsets, lengths, mask, visits):
        x = self.dropout(self.embedding(codes, offsets, len(lengths), visits))
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = self.rnn(packed)
        return self.head(self.dropout(h[-1]))


class TransformerNetwork(nn.Module):
    """Galen.Deep TransformerVisitNetwork (no visit times)."""

    def __init__(self, vocabulary, embedding, heads, feed_forward, layers, dropout, max_visits):
        super().__init__()
        self.embedding = VisitEmbedding(vocabulary, embedding)
        self.positions = nn.Embedding(max_visits, embedding)
        self.dropout = nn.Dropout(dropout)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(embedding, heads, feed_forward, dropout), layers)
        self.head = nn.Linear(embedding, 1)

    def forward(self, codes, offsets, lengths, mask, visits):
        x = self.embedding(codes, offsets, len(lengths), visits) + self.positions.weight[:visits].unsqueeze(0)
        encoded = self.encoder(self.dropout(x).transpose(0, 1), src_key_padding_mask=~mask).transpose(0, 1)
        m = mask.unsqueeze(-1).to(encoded.dtype)
        pooled = (encoded * m).sum(1) / m.sum(1)
        return self.head(self.dropout(pooled))


def profile(network, optimizer, loader, loss_function, steps=100):
    network.train()
    spent = [0.0, 0.0, 0.0, 0.0]
    batches = iter(loader)
    for step in range(steps + 10):
        if step == 10:
            spent = [0.0, 0.0, 0.0, 0.0]
        t0 = time.perf_counter()
        try:
            codes, offsets, lengths, mask, targets, visits = next(batches)
        except StopIteration:
            batches = iter(loader)
            codes, offsets, lengths, mask, targets, visits = next(batches)
        t1 = time.perf_counter()
        loss = loss_function(network(codes, offsets, lengths, mask, visits), targets)
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
    parser.add_argument("--model", choices=["lstm", "transformer"], required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print where a step's time goes instead")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    meta, samples, labels = read(args.data)
    if args.model == "lstm":
        network = LstmNetwork(meta["vocabulary"], meta["embedding"], meta["hidden"], meta["layers"], meta["dropout"])
    else:
        network = TransformerNetwork(meta["vocabulary"], meta["embedding"], meta["heads"], meta["feed_forward"],
                                     meta["layers"], meta["dropout"], meta["max_visits"])
    optimizer = torch.optim.AdamW(network.parameters(), lr=meta["learning_rate"], weight_decay=meta["weight_decay"])
    loader = torch.utils.data.DataLoader(VisitDataset(samples, labels), batch_size=meta["batch_size"], shuffle=True,
                                         collate_fn=collate, num_workers=0)
    loss_function = nn.BCEWithLogitsLoss()
    if args.profile:
        profile(network, optimizer, loader, loss_function)
        return
    times, losses = [], []
    network.train()
    for epoch in range(args.epochs):
        start = time.perf_counter()
        total, seen = 0.0, 0
        for codes, offsets, lengths, mask, targets, visits in loader:
            optimizer.zero_grad()
            loss = loss_function(network(codes, offsets, lengths, mask, visits), targets)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(lengths)
            seen += len(lengths)
        times.append(time.perf_counter() - start)
        losses.append(total / seen)
    # Median epoch after the first (warm-up), as the Galen harness does: robust to other load.
    measured = sorted(times[1:] if len(times) > 1 else times)
    middle = len(measured) // 2
    median = measured[middle] if len(measured) % 2 == 1 else (measured[middle - 1] + measured[middle]) / 2
    print(json.dumps({
        "peer": "pytorch " + torch.__version__,
        "samples_per_second": len(samples) / median,
        "epoch_seconds": times,
        "epoch_losses": losses,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
