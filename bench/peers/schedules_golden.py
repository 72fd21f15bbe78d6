#!/usr/bin/python3
"""Golden learning rates for Galen.Deep's schedule tests, from PyTorch's own schedulers.

Run with Debian's interpreter (python3-torch 1.13):
    /usr/bin/python3 bench/peers/schedules_golden.py
and paste the printed arrays into tests/Galen.Deep.Tests/Training/ScheduleTests.cs.
The rate printed for step k is the one the optimiser uses for its (k+1)-th step.
"""
import torch


def rates(make_scheduler, steps, base=0.1, per_epoch=1):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=base, momentum=0.9)
    scheduler = make_scheduler(optimizer)
    out = []
    for step in range(steps):
        out.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if (step + 1) % per_epoch == 0 or per_epoch == 1:
            scheduler.step()
    return out


def show(name, values):
    print(name, "= [" + ", ".join(repr(v) for v in values) + "]")


# One-cycle over 20 steps: pct_start 0.3, div_factor 25, final_div_factor 1e4 (PyTorch defaults).
show("OneCycle20", rates(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=20, cycle_momentum=False), 20))
# One-cycle over 50 steps with pct_start 0.25, div_factor 10, final_div_factor 100.
show("OneCycle50", rates(lambda o: torch.optim.lr_scheduler.OneCycleLR(
    o, max_lr=0.1, total_steps=50, pct_start=0.25, div_factor=10, final_div_factor=100, cycle_momentum=False), 50))
# StepLR stepped once per epoch: 3 steps per epoch, decay by 0.5 every 2 epochs, 12 steps.
parameter = torch.nn.Parameter(torch.zeros(1))
optimizer = torch.optim.SGD([parameter], lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
values = []
for epoch in range(4):
    for batch in range(3):
        values.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
    scheduler.step()
show("Step12", values)
