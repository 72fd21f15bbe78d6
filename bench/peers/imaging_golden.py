#!/usr/bin/python3
"""Golden values for Galen.Deep's image transforms and Grad-CAM-adjacent maths, from PyTorch 1.13.

    /usr/bin/python3 bench/peers/imaging_golden.py

Resize: torch.nn.functional.interpolate(mode="bilinear", align_corners=False, antialias=False),
which Galen's Resize (and RandomResizedCrop's resampling) follow. Printed as C# array literals for
tests/Galen.Deep.Tests/Imaging/TransformTests.cs.
"""
import torch
import torch.nn.functional as F


def show(name, tensor):
    values = ", ".join(f"{v:.7f}f" for v in tensor.flatten().tolist())
    print(f"{name} = [{values}];")


# A 1 x 4 x 5 ramp with a bump, resized up to 3 x 7 (mixed down/up sampling) and down to 2 x 2.
image = (torch.arange(20, dtype=torch.float32) / 19).reshape(1, 1, 4, 5)
image[0, 0, 1, 2] = 1.5
show("Source", image)
show("To3x7", F.interpolate(image, size=(3, 7), mode="bilinear", align_corners=False))
show("To2x2", F.interpolate(image, size=(2, 2), mode="bilinear", align_corners=False))
show("To8x10", F.interpolate(image, size=(8, 10), mode="bilinear", align_corners=False))
